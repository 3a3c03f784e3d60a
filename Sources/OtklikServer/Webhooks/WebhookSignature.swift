import Crypto
import Foundation

/// Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body` with the secret's
/// bytes (the base64 after `whsec_`), sent as `webhook-signature: v1,<base64>` beside `webhook-id` and
/// `webhook-timestamp` (Unix seconds). A receiver checks it with any HMAC implementation and deduplicates on the id.
enum WebhookSignature {
    static func sign(secret: String, id: String, timestamp: Int, body: String) -> String {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        let key = SymmetricKey(data: Data(base64Encoded: encoded) ?? Data(encoded.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
