# CryptoKey bindings: every key-material union member, both algorithm forms,
# extractable, and every Usage enumerant.

using Workerd = import "/workerd/workerd.capnp";

const hmacAlgorithm :Text = "{\"name\": \"HMAC\", \"hash\": \"SHA-256\"}";

const crypto :Workerd.Config = (
  services = [(name = "crypto", worker = (
    modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
    compatibilityDate = "2024-03-04",
    bindings = [
      ( name = "AES_RAW",
        cryptoKey = (
          raw = embed "files/aes128.key",
          algorithm = (name = "AES-GCM"),
          extractable = true,
          usages = [encrypt, decrypt, wrapKey, unwrapKey],
        ) ),
      ( name = "AES_RAW_LITERAL",
        cryptoKey = (raw = 0x"00112233 44556677 8899aabb ccddeeff", algorithm = "AES-CBC", usages = [encrypt]) ),
      ( name = "HMAC_HEX",
        cryptoKey = (
          hex = "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
          algorithm = (json = .hmacAlgorithm),
          usages = [sign, verify],
        ) ),
      ( name = "HMAC_B64",
        cryptoKey = (base64 = "c2VjcmV0LWtleS1tYXRlcmlhbA==", algorithm = (json = "{\"name\":\"HMAC\",\"hash\":\"SHA-512\"}"), usages = [sign]) ),
      ( name = "EC_PRIVATE",
        cryptoKey = (
          pkcs8 = embed "files/test-key.pem",
          algorithm = (json = "{\"name\":\"ECDH\",\"namedCurve\":\"P-256\"}"),
          usages = [deriveKey, deriveBits],
        ) ),
      ( name = "EC_PUBLIC",
        cryptoKey = (
          spki = embed "files/test-pub.pem",
          algorithm = (json = "{\"name\":\"ECDSA\",\"namedCurve\":\"P-256\"}"),
          extractable = true,
          usages = [verify],
        ) ),
      ( name = "JWK",
        cryptoKey = (jwk = embed "files/jwk.json", algorithm = (name = "AES-GCM"), extractable = false, usages = [decrypt]) ),
    ],
  ))],
);
