// Runs in the browser before the console's own modules (Next's instrumentation-client convention).
import { z } from "zod";

// why: zod compiles a fast parser for each object schema with `new Function`, probing for it the moment a schema
// is built. Under the console's CSP (no 'unsafe-eval') that probe is reported as a policy violation on every page
// that builds one. Jitless zod never probes; the forms' schemas are small, so the interpreter costs nothing seen.
z.config({ jitless: true });
