import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'Buddie — contact center board', description: 'Live agents, alerts, calls, journeys, escalations and Salesforce sync' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
