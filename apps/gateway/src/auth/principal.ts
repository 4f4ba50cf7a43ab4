export { DEV_KEY_ID, type Principal } from '@buddie/runtime';
