export { startDemo, type Demo, type DemoOptions } from './server.ts';
export { demoResponder } from './responder.ts';
