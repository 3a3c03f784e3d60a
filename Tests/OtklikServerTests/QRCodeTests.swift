import Foundation
import Testing
@testable import OtklikServer

/// The QR encoder against published worked examples; scripts/test also decodes a printed code with zbar.
@Suite struct QRCodeTests {
    @Test func reedSolomonMatchesTheWorkedExample() {
        // "HELLO WORLD" at 1-M (thonky.com's QR tutorial): 16 data codewords → these 10 error-correction codewords.
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10)) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func byteModeDataCodewords() {
        // "A": mode 0100, count 00000001, 01000001, terminator 0000 → 40 14 10, then EC 11 … up to 16 codewords (1-M).
        let codewords = QRCode.dataCodewords(Array("A".utf8), version: 1)
        #expect(codewords.count == 16)
        #expect(Array(codewords.prefix(5)) == [0x40, 0x14, 0x10, 0xEC, 0x11])
    }

    @Test func capacityAndVersionFollowTheStandard() throws {
        // Byte-mode capacities at level M: version 1 holds 14 bytes, 2 holds 26, 10 holds 213.
        #expect(try QRCode(bytes: Array(repeating: 65, count: 14)).version == 1)
        #expect(try QRCode(bytes: Array(repeating: 65, count: 15)).version == 2)
        #expect(try QRCode(bytes: Array(repeating: 65, count: 213)).version == 10)
        #expect(throws: QRCode.Failure.self) { try QRCode(bytes: Array(repeating: 65, count: 214)) }
        let code = try QRCode(text: "http://127.0.0.1:8080/q/L01?staff=S001")
        #expect(code.size == code.version * 4 + 17)
        let seven = try QRCode(bytes: Array(repeating: 97, count: 120))
        #expect(seven.version == 7)
        #expect(seven.alignmentPositions() == [6, 22, 38])
    }

    @Test func finderPatternsAndFormatBits() throws {
        let code = try QRCode(text: "https://feedback.example.ru/q/L07")
        let m = code.modules
        // Top-left finder: a dark 7×7 ring, a light ring, a dark 3×3 centre.
        for i in 0..<7 { #expect(m[0][i] && m[6][i] && m[i][0] && m[i][6]) }
        for i in 1..<6 { #expect(!m[1][i] && !m[5][i]) }
        #expect(m[3][3] && m[2][2] && m[4][4])
        // Format information next to the top-left finder: level M (00), the chosen mask, BCH, XOR 0x5412.
        var bits = 0
        for i in 0...5 { bits |= (m[i][8] ? 1 : 0) << i }
        bits |= (m[7][8] ? 1 : 0) << 6
        bits |= (m[8][8] ? 1 : 0) << 7
        bits |= (m[8][7] ? 1 : 0) << 8
        for i in 9..<15 { bits |= (m[8][14 - i] ? 1 : 0) << i }
        let data = (bits ^ 0x5412) >> 10
        #expect(data >> 3 == 0, "level M")
        #expect(data & 7 == code.mask)
        #expect(m[code.size - 8][8], "the dark module")
    }

    @Test func maskZeroFormatStringForLevelM() throws {
        // ISO/IEC 18004 table C.1: level M, mask 0 → 101010000010010.
        #expect((0 ^ 0x5412) == 0b101010000010010)
    }

    @Test func svgIsPrintableAndEscaped() throws {
        let svg = try QRCode(text: "http://x/q/L01?staff=S&service=V").svg(title: "http://x/q/L01?staff=S&service=V")
        #expect(svg.contains("viewBox=\"0 0 "))
        #expect(svg.contains("staff=S&amp;service=V"))
    }
}
