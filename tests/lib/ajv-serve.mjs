// What the two JSON Schema validators (tests/lib/openapi-validate.mjs and
// tests/api/open311-validate.mjs) share: an ajv verdict as {ok, errors}
// and the --serve loop, one job per stdin line, one answer per stdout line.
import { createInterface } from "node:readline";

export function verdict(fn, data) {
    if (fn(data))
        return { ok: true };
    return {
        ok: false,
        errors: fn.errors.map((e) => `${e.instancePath || "(root)"} ${e.message}` +
                                     (e.params ? " " + JSON.stringify(e.params) : "")),
    };
}

// answer(job) -> {ok, errors}; a job that throws is answered, not fatal.
export function serve(answer) {
    createInterface({ input: process.stdin }).on("line", (line) => {
        let result;
        try {
            result = answer(JSON.parse(line));
        } catch (e) {
            result = { ok: false, errors: ["validator: " + e.message] };
        }
        process.stdout.write(JSON.stringify(result) + "\n");
    });
}
