// Validate JSON against a schema inside docs/openapi.yaml, with ajv.
//
//   node openapi-validate.mjs OPENAPI.json
//       one job per stdin line, {"pointer": "/paths/...", "data": ...}: the
//       pointer (RFC 6901) names a schema object in the document; one answer
//       per stdout line, {"ok": true} or {"ok": false, "errors": [...]}
//
// The caller (tests/lib/contract.py) turns the YAML into JSON, as node has
// no YAML reader of its own. OpenAPI 3.1 schemas are JSON Schema 2020-12,
// so the document is one ajv schema and "#/components/..." refs resolve in
// it. strict is off: the document's other keywords (paths, example) are not
// JSON Schema. ajv is loaded from FD_NPM_PREFIX/node_modules
// (tests/lib/nodekit.py installs it there).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { serve, verdict } from "./ajv-serve.mjs";

const prefix = process.env.FD_NPM_PREFIX;
const require = createRequire(prefix ? join(resolve(prefix), "package.json") : import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default ?? require("ajv/dist/2020");
const addFormats = require("ajv-formats").default ?? require("ajv-formats");

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat("password", true);  // OpenAPI's hint for a UI, not a format

const file = process.argv[2];
const base = pathToFileURL(resolve(file)).href;
const doc = JSON.parse(readFileSync(file, "utf8"));
doc.$id = base;
ajv.addSchema(doc);

const compiled = new Map();

// "/paths/~1api~1v1~1me/get" -> a URI fragment ajv resolves.
function fragment(pointer) {
    return pointer.split("/").map((p) => encodeURIComponent(p)).join("/");
}

function validator(pointer) {
    if (!compiled.has(pointer))
        compiled.set(pointer, ajv.compile({ $ref: base + "#" + fragment(pointer) }));
    return compiled.get(pointer);
}

serve((job) => verdict(validator(job.pointer), job.data));
