// Validate JSON against the Open311 GeoReport v2 JSON Schemas with ajv.
//
//   node open311-validate.mjs SCHEMA[#/json/pointer] FILE.json
//       exit 0 when valid; otherwise the errors on stderr and exit 1
//   node open311-validate.mjs --serve
//       one job per stdin line, {"schema": "...", "data": ...}; one answer
//       per stdout line, {"ok": true} or {"ok": false, "errors": [...]}
//
// The shared schemas are draft-04 style (no $schema, relative $refs such
// as "request.json", swagger 2.0 definitions), so they are compiled by
// ajv-draft-04 with ajv-formats for date-time and uri. Each schema file
// gets its file: URL as its id, so relative $refs resolve beside it.
// SCHEMA may point into a file: swagger.json#/definitions/RequestResponse,
// and "[]" before it means a non-empty array of such (a swagger response).
//
// ajv is loaded from FD_NPM_PREFIX/node_modules (the test set-up installs
// it there with npm), else from the usual module resolution.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { serve, verdict } from "../lib/ajv-serve.mjs";

const prefix = process.env.FD_NPM_PREFIX;
const require = createRequire(prefix ? join(resolve(prefix), "package.json") : import.meta.url);
const Ajv = require("ajv-draft-04").default ?? require("ajv-draft-04");
const addFormats = require("ajv-formats").default ?? require("ajv-formats");

// Swagger 2.0 names formats JSON Schema does not define ("uid", "double");
// they are descriptive there, so they are accepted as such.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
for (const name of ["uid", "uint", "int32", "int64", "float", "double"])
    ajv.addFormat(name, true);

const loaded = new Set();

// Registers every .json schema in the file's folder, each under its URL,
// so "$ref": "request.json" finds its neighbour.
function load(file) {
    const url = pathToFileURL(resolve(file)).href;
    if (!loaded.has(url)) {
        let doc = JSON.parse(readFileSync(file, "utf8"));
        // Of a swagger document only its definitions are JSON Schema.
        if (doc.swagger)
            doc = { definitions: doc.definitions };
        delete doc.$schema;
        doc.id = url;
        ajv.addSchema(doc);
        loaded.add(url);
    }
    return url;
}

function neighbours(file) {
    for (const name of ["request.json", "requests.json", "service.json", "services.json",
                        "service-definition.json"]) {
        try {
            load(join(dirname(resolve(file)), name));
        } catch (e) {
            if (e.code !== "ENOENT")
                throw e;
        }
    }
}

// "file#/pointer" -> the schema's full reference, with its folder loaded.
function reference(spec) {
    const [file, pointer] = spec.split("#");
    neighbours(file);
    return load(file) + (pointer ? "#" + pointer : "");
}

const compiled = new Map();

function validator(spec) {
    if (!compiled.has(spec)) {
        const many = spec.startsWith("[]");
        const ref = reference(many ? spec.slice(2) : spec);
        const fn = many ? ajv.compile({ type: "array", minItems: 1, items: { $ref: ref } })
                        : ajv.getSchema(ref);
        if (!fn)
            throw new Error("no schema at " + spec);
        compiled.set(spec, fn);
    }
    return compiled.get(spec);
}

function check(spec, data) {
    return verdict(validator(spec), data);
}

const args = process.argv.slice(2);
if (args[0] === "--serve") {
    serve((job) => check(job.schema, job.data));
} else if (args.length === 2) {
    const result = check(args[0], JSON.parse(readFileSync(args[1], "utf8")));
    for (const e of result.errors ?? [])
        process.stderr.write(e + "\n");
    process.exit(result.ok ? 0 : 1);
} else {
    process.stderr.write("usage: node open311-validate.mjs SCHEMA[#/pointer] FILE.json | --serve\n");
    process.exit(2);
}
