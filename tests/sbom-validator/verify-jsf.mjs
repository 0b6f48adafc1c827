// An independent JSF (JSON Signature Format) verifier for CycloneDX SBOMs: RFC 8785 canonicalization from the
// 'canonicalize' package, signature checks from Node's crypto. Shares no code with Ssdlc's own signer.
// Usage: node verify-jsf.mjs <trusted-public-key.pem> <sbom.cdx.json>...
// Prints "VALID <alg> <file>" or "INVALID <file>: <reason>" per file; exits 1 when any file does not verify.
import { readFile } from 'node:fs/promises';
import { createPublicKey, verify, constants } from 'node:crypto';
import canonicalize from 'canonicalize';

const [keyFile, ...files] = process.argv.slice(2);
if (!keyFile || files.length === 0) {
  console.error('usage: node verify-jsf.mjs <trusted-public-key.pem> <sbom.cdx.json>...');
  process.exit(2);
}

const trusted = createPublicKey(await readFile(keyFile, 'utf8'));
const trustedDer = trusted.export({ type: 'spki', format: 'der' });

const algorithms = {
  ES256: { hash: 'sha256', options: { dsaEncoding: 'ieee-p1363' } },
  ES384: { hash: 'sha384', options: { dsaEncoding: 'ieee-p1363' } },
  RS256: { hash: 'sha256', options: { padding: constants.RSA_PKCS1_PADDING } },
  PS256: { hash: 'sha256', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } },
};

let failed = false;
for (const file of files) {
  try {
    const document = JSON.parse(await readFile(file, 'utf8'));
    const signature = document.signature;
    if (!signature || typeof signature.value !== 'string') throw new Error('no signature');
    const alg = algorithms[signature.algorithm];
    if (!alg) throw new Error(`unsupported algorithm ${signature.algorithm}`);
    if (signature.publicKey) {
      const embedded = createPublicKey({ key: signature.publicKey, format: 'jwk' }).export({ type: 'spki', format: 'der' });
      if (!embedded.equals(trustedDer)) throw new Error('the embedded public key is not the trusted key');
    }
    if (signature.certificatePath) {
      const { X509Certificate } = await import('node:crypto');
      const leaf = new X509Certificate(Buffer.from(signature.certificatePath[0], 'base64url'));
      if (!leaf.publicKey.export({ type: 'spki', format: 'der' }).equals(trustedDer)) {
        throw new Error('the signing certificate does not hold the trusted key');
      }
    }
    // JSF: the signed data is the canonical form of the object with its signature, minus the signature's value.
    const { value, ...signedSignature } = signature;
    const signed = Buffer.from(canonicalize({ ...document, signature: signedSignature }), 'utf8');
    const ok = verify(alg.hash, signed, { key: trusted, ...alg.options }, Buffer.from(value, 'base64url'));
    if (!ok) throw new Error('signature mismatch');
    console.log(`VALID ${signature.algorithm} ${file}`);
  } catch (e) {
    failed = true;
    console.log(`INVALID ${file}: ${e && e.message ? e.message : e}`);
  }
}
process.exit(failed ? 1 : 0);
