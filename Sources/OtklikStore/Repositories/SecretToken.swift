import Crypto
import Foundation

/// Random secrets and their stored hashes.
enum SecretToken {
    /// `count` random bytes as URL-safe base64 without padding.
    static func random(bytes count: Int) -> String {
        let base64 = Data(randomBytes(count)).base64EncodedString().utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }
        return String(decoding: base64, as: UTF8.self)
    }

    /// A random identifier of `length` letters and digits (`[0-9A-Za-z]`, about 5.95 bits each), e.g. the part of a
    /// notification's id after `ntf_`. Measured: generating them byte by byte, with a system call per byte and
    /// Foundation string replacements, took 29 % of a server's time when 1,000 low scores opened alerts in one POST.
    static func identifier(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        while characters.count < length {
            // 62^10 < 2^64: ten digits from each 64-bit draw (bias below 1e-17).
            var value = generator.next()
            for _ in 0..<min(10, length - characters.count) {
                characters.append(alphabet[Int(value % 62)])
                value /= 62
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// An identifier whose text sorts by time: eight digits of the millisecond `at` in base 62 (fixed width, in the
    /// alphabet's ASCII order, good until the year 8888) followed by `random` random letters and digits. Rows inserted
    /// in time order then land at one edge of the table's primary-key index (on SQLite, which compares text byte by byte;
    /// PostgreSQL under a language collation orders mixed case otherwise) instead of on a random page of it — with
    /// random ids, a table of a few hundred thousand alerts or notifications made every insert read and rewrite its
    /// own index page (measured in `scripts/bench-server`'s batches, docs/benchmarks.md).
    static func timeOrderedIdentifier(at date: Date, random: Int = 12) -> String {
        var value = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded()))
        var digits = [UInt8](repeating: alphabet[0], count: 8)
        for index in stride(from: 7, through: 0, by: -1) {
            digits[index] = alphabet[Int(value % 62)]
            value /= 62
        }
        return String(decoding: digits, as: UTF8.self) + identifier(length: random)
    }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Cryptographically secure random bytes from the system (a system call per eight bytes, not per byte).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// Lower-case hex SHA-256: secrets are long and random, so a fast hash is the right one here.
    static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Lower-case hex of bytes (a digest), without Foundation's per-byte `String(format:)`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        for byte in bytes {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Compares two equal-length strings without an early exit.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
