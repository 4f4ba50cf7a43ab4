// Integration and e2e tests wait on real emulators and booted services.
jest.setTimeout(60000);
