/**
 * npm start / stop / validate as yo office sets them up (scripts/office.ts): the command each path
 * runs, decided from a fake system, so the sideload path is checked on a machine without Excel.
 */
import {
  EXCEL_APP_MAC,
  EXCEL_APP_PATHS_KEY,
  excelInstalled,
  OfficeSystem,
  planStart,
  planStop,
  serviceUnreachable,
  validateCommand,
  xsdCommand,
} from "../../scripts/office";

const TOOLS = { node: "/usr/bin/node", debugging: "/p/office-addin-debugging/cli.js", webpack: "/p/webpack.js" };

function system(platform: NodeJS.Platform, files: string[] = [], keys: string[] = []): OfficeSystem {
  return {
    platform,
    env: { ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)" },
    exists: (path) => files.includes(path),
    registryHas: (key) => keys.includes(key),
  };
}

const SERVE = ["/p/webpack.js", "serve", "--mode", "development"];

describe("npm start", () => {
  it("serves without sideloading on Linux (this machine), as before", () => {
    const plan = planStart(system("linux"), [], TOOLS);
    expect(plan.mode).toBe("serve");
    expect(plan.command).toEqual({ program: "/usr/bin/node", args: SERVE });
    expect(plan.why).toMatch(/no desktop Excel for linux/);
  });

  it("sideloads into desktop Excel on a Mac that has it, with office-addin-debugging start", () => {
    const plan = planStart(system("darwin", [EXCEL_APP_MAC]), [], TOOLS);
    expect(plan.mode).toBe("sideload");
    expect(plan.command).toEqual({
      program: "/usr/bin/node",
      args: [
        "/p/office-addin-debugging/cli.js",
        "start",
        "manifest.xml",
        "desktop",
        "--app",
        "excel",
        "--dev-server",
        "npm run dev-server",
        "--dev-server-port",
        "3000",
      ],
    });
  });

  it("finds Excel on Windows by its App Paths key or its Click-to-Run folder", () => {
    expect(planStart(system("win32", [], [EXCEL_APP_PATHS_KEY]), [], TOOLS).mode).toBe("sideload");
    const clickToRun = "C:\\Program Files/Microsoft Office/root/Office16/EXCEL.EXE";
    expect(excelInstalled(system("win32", [clickToRun]))).toBe(true);
    expect(excelInstalled(system("win32", ["C:\\Program Files (x86)/Microsoft Office/Office16/EXCEL.EXE"]))).toBe(true);
  });

  it("serves on Windows or Mac without Excel, and says why", () => {
    for (const platform of ["win32", "darwin"] as const) {
      const plan = planStart(system(platform), [], TOOLS);
      expect(plan.mode).toBe("serve");
      expect(plan.why).toMatch(/desktop Excel is not installed here/);
    }
  });

  it("--serve-only always serves and passes the other options to webpack", () => {
    const plan = planStart(system("darwin", [EXCEL_APP_MAC]), ["--serve-only", "--port", "3001"], TOOLS);
    expect(plan.mode).toBe("serve");
    expect(plan.command.args).toEqual([...SERVE, "--port", "3001"]);
  });
});

describe("npm stop", () => {
  it("runs office-addin-debugging stop where start sideloads", () => {
    expect(planStop(system("win32"), TOOLS).command).toEqual({
      program: "/usr/bin/node",
      args: ["/p/office-addin-debugging/cli.js", "stop", "manifest.xml"],
    });
  });

  it("has nothing to undo on Linux, and says so", () => {
    const plan = planStop(system("linux"), TOOLS);
    expect(plan.command).toBeNull();
    expect(plan.why).toMatch(/Nothing to stop/);
  });
});

describe("npm run validate", () => {
  it("runs office-addin-manifest validate on the manifest, at production level on request", () => {
    expect(validateCommand({ node: "node", manifestCli: "/p/cli.js" })).toEqual({
      program: "node",
      args: ["/p/cli.js", "validate", "manifest.xml"],
    });
    expect(validateCommand({ node: "node", manifestCli: "/p/cli.js" }, "dist/manifest.xml", true).args).toEqual([
      "/p/cli.js",
      "validate",
      "-p",
      "dist/manifest.xml",
    ]);
  });

  it("tells an unreachable service from a verdict on the manifest", () => {
    // What office-addin-manifest 3.0 printed on this machine, which has no route to the service.
    const offline =
      "Error: Unable to contact the manifest validation service.\nFetchError: request to https://service.invalid/ failed, reason: getaddrinfo ENOTFOUND service.invalid";
    expect(serviceUnreachable(offline)).toBe(true);
    expect(serviceUnreachable("The manifest is not valid.\nError #1: The value of SupportUrl is not valid.")).toBe(
      false,
    );
    expect(serviceUnreachable("The manifest is valid.")).toBe(false);
  });

  it("falls back to Microsoft's XSD with xmllint", () => {
    expect(xsdCommand()).toEqual({
      program: "xmllint",
      args: ["--noout", "--schema", "../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd", "manifest.xml"],
    });
  });
});

describe("package.json wires them as yo office does", () => {
  const scripts = (require("../../package.json") as { scripts: Record<string, string> }).scripts;
  it("has start, stop, validate and the dev-server script the sideload runs", () => {
    expect(scripts).toMatchObject({
      start: "tsx scripts/start.ts",
      stop: "tsx scripts/stop.ts",
      validate: "tsx scripts/validate.ts",
      "dev-server": "webpack serve --mode development",
    });
  });
});
