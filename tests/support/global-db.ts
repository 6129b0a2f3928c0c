import type { TestProject } from "vitest/node";
import { startTestDatabaseServer, type TestLogins } from "./database-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dbServerUrl: string;
    dbTemplate: string;
    dbPrefix: string;
    dbLogins: TestLogins;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer(project.name === "integration" ? "it" : `${project.name}_db`);
  project.provide("dbServerUrl", server.serverUrl);
  project.provide("dbTemplate", server.template);
  project.provide("dbPrefix", server.prefix);
  project.provide("dbLogins", server.logins);
  return () => server.stop();
}
