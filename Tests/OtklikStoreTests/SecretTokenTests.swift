import Foundation
import Testing

@testable import OtklikStore

/// Identifiers and secrets: the length asked for, only the characters promised, no repeats, every character used
/// about equally often (a secret must not be guessable from a skewed alphabet).
@Suite struct SecretTokenTests {
    @Test func identifiersHaveTheirLengthAndOnlyLettersAndDigits() {
        for length in [1, 9, 10, 11, 12, 20, 32] {
            let id = SecretToken.identifier(length: length)
            #expect(id.count == length)
            #expect(id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII })
        }
    }

    @Test func identifiersDoNotRepeatAndUseTheAlphabetEvenly() {
        let ids = (0..<20_000).map { _ in SecretToken.identifier(length: 20) }
        #expect(Set(ids).count == ids.count)
        var counts: [Character: Int] = [:]
        for id in ids { for character in id { counts[character, default: 0] += 1 } }
        #expect(counts.count == 62)
        // 400,000 characters over 62 symbols: 6,452 expected each; Pearson's chi-square with 61 degrees of freedom
        // exceeds 110 with probability below 1e-4.
        let expected = 400_000.0 / 62
        let chiSquare = counts.values.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        #expect(chiSquare < 110, "chi-square \(chiSquare)")
    }

    @Test func secretsAreURLSafeBase64OfTheirBytes() throws {
        let secret = SecretToken.random(bytes: 32)
        #expect(secret.count == 43)
        #expect(!secret.contains("+") && !secret.contains("/") && !secret.contains("="))
        let standard = secret.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        #expect(try #require(Data(base64Encoded: standard)).count == 32)
        #expect(SecretToken.randomBytes(15).count == 15)
    }

    @Test func theHashIsLowerCaseHexSHA256() {
        // echo -n abc | sha256sum
        #expect(SecretToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func timeOrderedIdentifiersSortByTheirMillisecond() {
        let start = Date(timeIntervalSince1970: 1_764_900_000.123)
        let times = (0..<200).map { start.addingTimeInterval(Double($0 * $0) * 0.037) } + [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 4_102_444_800)]
        let ids = times.map { SecretToken.timeOrderedIdentifier(at: $0) }
        #expect(ids.allSatisfy { $0.count == 20 && $0.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) } })
        // Text order (byte order, as SQLite compares text) is time order; within one millisecond, random.
        let byText = zip(ids, times).sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }.map(\.1)
        #expect(byText == times.sorted())
        // The first eight characters are the millisecond in base 62: 0 is eight zeros, 1 ms is "00000001", 62 ms "00000010".
        #expect(SecretToken.timeOrderedIdentifier(at: Date(timeIntervalSince1970: 0)).prefix(8) == "00000000")
        #expect(SecretToken.timeOrderedIdentifier(at: Date(timeIntervalSince1970: 0.062)).prefix(8) == "00000010")
        #expect(Set((0..<1000).map { _ in SecretToken.timeOrderedIdentifier(at: start) }).count == 1000)
    }
}
