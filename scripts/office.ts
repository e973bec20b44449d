/**
 * Microsoft's add-in tooling, as `yo office` wires it, decided here and run by scripts/start.ts,
 * scripts/stop.ts and scripts/validate.ts. Every decision is a pure function of what the system
 * shows (platform, whether Excel is installed, what a tool printed), so test/scripts/office.test.ts
 * checks the exact command each path runs without Excel or the network.
 *
 * - `npm start`: where desktop Excel is installed (Windows, Mac) office-addin-debugging sideloads
 *   manifest.xml and starts the dev server, as the template's `office-addin-debugging start
 *   manifest.xml` does; elsewhere (Linux, or no Excel) it serves https://localhost:3000 with the
 *   preview, as before. office-addin-dev-settings registers a sideload only on win32 and darwin
 *   ("Platform not supported" elsewhere: its registerAddIn), so there is nothing to try on Linux.
 * - `npm stop`: office-addin-debugging stop, which unregisters the sideload and stops the server.
 * - `npm run validate`: office-addin-manifest validate, which asks Microsoft's validation service;
 *   when the service cannot be reached it says so and the offline XSD check runs instead.
 */
import { join } from "node:path";

export const MANIFEST = "manifest.xml";
export const DEV_SERVER_PORT = 3000;

/** The manifest schema CI validates against (Microsoft's XSD, kept beside the project). */
export const MANIFEST_XSD = "../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd";

/** What the decisions need from the system; the scripts pass the real one, tests a fake. */
export interface OfficeSystem {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  /** Whether `reg query KEY /ve` finds the key (Windows only). */
  registryHas(key: string): boolean;
}

/** A command to run: node with a script, or another program. */
export interface Command {
  readonly program: string;
  readonly args: readonly string[];
}

/**
 * Where desktop Excel lives. Mac: the app bundle Microsoft installs in /Applications. Windows: the
 * App Paths key every Office installer registers for excel.exe, then the Click-to-Run and MSI folders.
 */
export const EXCEL_APP_MAC = "/Applications/Microsoft Excel.app";
export const EXCEL_APP_PATHS_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe";

export function excelInstalled(system: OfficeSystem): boolean {
  switch (system.platform) {
    case "darwin":
      return system.exists(EXCEL_APP_MAC);
    case "win32": {
      if (system.registryHas(EXCEL_APP_PATHS_KEY)) return true;
      const roots = [system.env["ProgramFiles"], system.env["ProgramFiles(x86)"]].filter(Boolean) as string[];
      return roots.some(
        (root) =>
          system.exists(join(root, "Microsoft Office", "root", "Office16", "EXCEL.EXE")) ||
          system.exists(join(root, "Microsoft Office", "Office16", "EXCEL.EXE")),
      );
    }
    default:
      return false;
  }
}

/** What `npm start` does, and the line it prints first to say so. */
export interface StartPlan {
  readonly mode: "sideload" | "serve";
  readonly why: string;
  readonly command: Command;
}

/**
 * `npm start [-- --serve-only] [webpack options]`. `debugging` and `webpack` are the paths of
 * office-addin-debugging's and webpack's command-line scripts.
 */
export function planStart(
  system: OfficeSystem,
  argv: readonly string[],
  tools: { node: string; debugging: string; webpack: string },
): StartPlan {
  const serveOnly = argv.includes("--serve-only");
  const passOn = argv.filter((arg) => arg !== "--serve-only");
  const serve: Command = { program: tools.node, args: [tools.webpack, "serve", "--mode", "development", ...passOn] };
  if (serveOnly) return { mode: "serve", why: "--serve-only: serving without sideloading.", command: serve };
  if (!excelInstalled(system)) {
    const where =
      system.platform === "win32" || system.platform === "darwin"
        ? "desktop Excel is not installed here"
        : `Office has no desktop Excel for ${system.platform}`;
    return { mode: "serve", why: `Serving only: ${where}, so there is nothing to sideload into.`, command: serve };
  }
  return {
    mode: "sideload",
    why: "Desktop Excel found: office-addin-debugging sideloads manifest.xml and starts the dev server.",
    command: {
      program: tools.node,
      args: [
        tools.debugging,
        "start",
        MANIFEST,
        "desktop",
        "--app",
        "excel",
        // As yo office's package.json has it: the dev server is an npm script (no paths to quote).
        "--dev-server",
        "npm run dev-server",
        "--dev-server-port",
        String(DEV_SERVER_PORT),
      ],
    },
  };
}

/** `npm stop`: the sideload's undo where there can be one; elsewhere nothing was registered. */
export function planStop(
  system: OfficeSystem,
  tools: { node: string; debugging: string },
): { command: Command | null; why: string } {
  if (system.platform === "win32" || system.platform === "darwin") {
    return {
      command: { program: tools.node, args: [tools.debugging, "stop", MANIFEST] },
      why: "office-addin-debugging stop: removes the sideload and stops the dev server.",
    };
  }
  return {
    command: null,
    why: `Nothing to stop: npm start does not sideload on ${system.platform}. Stop the server with Ctrl+C.`,
  };
}

/** The validator command (office-addin-manifest's script, `validate [-p] manifest.xml`; -p: production level). */
export function validateCommand(
  tools: { node: string; manifestCli: string },
  manifest = MANIFEST,
  production = false,
): Command {
  return { program: tools.node, args: [tools.manifestCli, "validate", ...(production ? ["-p"] : []), manifest] };
}

/**
 * Whether office-addin-manifest's output says the service was not reached, rather than judging the
 * manifest: its own words ("Unable to contact the manifest validation service", lib/validate.js),
 * or a network error from node-fetch.
 */
export function serviceUnreachable(output: string): boolean {
  return /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(
    output,
  );
}

/** The offline check: Microsoft's manifest XSD with xmllint. */
export function xsdCommand(manifest = MANIFEST): Command {
  return { program: "xmllint", args: ["--noout", "--schema", MANIFEST_XSD, manifest] };
}
