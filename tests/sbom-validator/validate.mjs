// Validates CycloneDX 1.6 JSON files against the official schema (strict mode, as shipped by @cyclonedx/cyclonedx-library).
// Usage: node validate.mjs file.cdx.json [...]; prints "OK <file>" or the schema errors, exits 1 when any file is invalid.
import { readFile } from 'node:fs/promises';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs <sbom.cdx.json>...');
  process.exit(2);
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
let failed = false;
for (const file of files) {
  try {
    const errors = await validator.validate(await readFile(file, 'utf8'));
    if (errors === null) {
      console.log(`OK ${file}`);
    } else {
      failed = true;
      console.log(`INVALID ${file}`);
      console.log(JSON.stringify(errors, null, 2));
    }
  } catch (e) {
    failed = true;
    console.log(`ERROR ${file}: ${e && e.message ? e.message : e}`);
  }
}
process.exit(failed ? 1 : 0);
