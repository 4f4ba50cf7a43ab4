'use client';
import { Dashboard } from '../src/dashboard';

export default function Page() {
  return <Dashboard />;
}
