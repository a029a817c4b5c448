export * from '../../labs/09-testing-before-release/starter/client.ts';
