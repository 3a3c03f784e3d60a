import Foundation
import PropertyBased
import Testing
@testable import OtklikServer

/// Generated feedback bodies, well-formed and broken, through the fast path and through `JSONDecoder`: whenever the
/// fast path returns items they equal the decoder's field by field, and every well-formed body takes the fast path.
@Suite struct FeedbackBatchFastDecoderPropertyTests {
    /// A body drawn from a seed. `fast` is whether the fast path must take it (well-formed and of its shape).
    struct Body {
        var bytes: [UInt8]
        var fast: Bool
    }

    /// A writer of JSON texts from a seeded generator (the same seed, the same body).
    struct Writer {
        var state: UInt64
        /// Made false by anything the fast path refuses by rule (a fraction, a missing id, a duplicate key, …).
        var fast = true

        init(seed: UInt64) { state = seed | 1 }

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

        mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }

        mutating func space() -> String {
            chance(60) ? "" : pick([" ", "\n", "\t", "\r\n", "  ", " \n\t "])
        }

        /// Scalars a string is drawn from: ASCII, JSON's specials, control characters, Cyrillic, emoji (with a
        /// modifier), a combining accent, the last BMP code points.
        static let palette: [Unicode.Scalar] = {
            var scalars: [Unicode.Scalar] = Array("abcXYZ019 -_.:+@#".unicodeScalars) + ["\"", "\\", "/"]
            scalars += (0..<0x20).compactMap(Unicode.Scalar.init(_:)) + ["\u{7F}"]
            scalars += Array("жЁщЮёй".unicodeScalars) + ["😀", "👍", "\u{1F3FD}", "\u{0301}", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "\u{2028}"]
            return scalars
        }()

        static let shortEscapes: [UInt32: String] = [0x08: "\\b", 0x0C: "\\f", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"]

        mutating func hex(_ unit: UInt32) -> String {
            let text = String(unit, radix: 16)
            let padded = String(repeating: "0", count: 4 - text.count) + text
            return "\\u" + (chance(50) ? padded.uppercased() : padded)
        }

        /// A JSON string literal of random content, each scalar written raw or escaped at random.
        mutating func string() -> String {
            var text = "\""
            for _ in 0..<next(chance(10) ? 40 : 9) {
                let scalar = pick(Self.palette)
                switch scalar {
                case "\"": text += chance(80) ? "\\\"" : hex(0x22)
                case "\\": text += chance(80) ? "\\\\" : hex(0x5C)
                case "/": text += pick(["/", "\\/", hex(0x2F)])
                case _ where scalar.value < 0x20:
                    text += Self.shortEscapes[scalar.value].flatMap { chance(70) ? $0 : nil } ?? hex(scalar.value)
                case _ where chance(25):
                    if scalar.value > 0xFFFF {
                        let value = scalar.value - 0x10000
                        text += hex(0xD800 + (value >> 10)) + hex(0xDC00 + (value & 0x3FF))
                    } else {
                        text += hex(scalar.value)
                    }
                default: text.unicodeScalars.append(scalar)
                }
            }
            return text + "\""
        }

        /// An integer for nps/csat/ces: mostly a score, sometimes near Int's ends; sometimes (not taken by the fast
        /// path) a fraction, an exponent, `-0` or out of range.
        mutating func number() -> String {
            if chance(8) {
                fast = false
                return pick(["1.0", "7.5", "1e1", "2E0", "-0", "9223372036854775808", "-9223372036854775809", "100000000000000000000"])
            }
            switch next(10) {
            case 0: return String(Int.max - next(3))
            case 1: return String(Int.min + next(3))
            case 2: return String(next(2_000_000_000) - 1_000_000_000)
            default: return String(next(13) - 1)
            }
        }

        /// A valid JSON value of any kind for an unknown key.
        mutating func anyValue(depth: Int) -> String {
            switch depth > 3 ? next(4) : next(6) {
            case 0: return string()
            case 1: return pick(["0", "-0", "12", "-3.25", "1e999", "6.02E+23", "-1e-7", "12345678901234567890123", "0.0"])
            case 2: return pick(["true", "false", "null"])
            case 3: return "[" + space() + "]"
            case 4:
                let values = (0..<1 + next(3)).map { _ in space() + anyValue(depth: depth + 1) + space() }
                return "[" + values.joined(separator: ",") + "]"
            default:
                // Nested objects may repeat a key: JSONDecoder never reads an unknown key's value.
                let fields = (0..<next(4)).map { _ in space() + pick(["\"a\"", "\"b\"", "\"id\"", "\"items\"", string()]) + space() + ":" + space() + anyValue(depth: depth + 1) + space() }
                return "{" + fields.joined(separator: ",") + space() + "}"
            }
        }

        static let optionalStrings = ["ts", "kind", "location", "staff", "service", "device", "customer", "interaction",
                                      "button", "comment", "contact", "lang"]

        /// One item's `"key": value` pairs, shuffled; an item of a batch may carry an unknown key `items` (a lone
        /// object's `items` would make it a batch).
        mutating func fields(inBatch: Bool) -> [String] {
            var fields: [String] = []
            func pair(_ key: String, _ value: String) -> String { "\"\(key)\"" + space() + ":" + space() + value }
            if chance(97) { fields.append(pair("id", string())) } else { fast = false }
            if chance(97) { fields.append(pair("channel", pick(["\"button\"", "\"chat\"", "\"terminal\""]) )) } else { fast = false }
            for key in Self.optionalStrings where chance(40) { fields.append(pair(key, chance(15) ? "null" : string())) }
            for key in ["nps", "csat", "ces"] where chance(40) { fields.append(pair(key, chance(15) ? "null" : number())) }
            if chance(30) {
                let reasons = (0..<next(4)).map { _ in space() + string() + space() }
                fields.append(pair("reasons", chance(15) ? "null" : "[" + reasons.joined(separator: ",") + space() + "]"))
            }
            for index in 0..<(chance(25) ? 1 + next(3) : 0) {
                fields.append(pair(pick(["x\(index)", "meta", inBatch ? "items" : "item", "Id", "analysis_", "ids"]), anyValue(depth: 1)))
            }
            // Rule breakers the fast path refuses (JSONDecoder decides).
            if chance(3) { fields.append(pair("analysis", pick(["null", "{}"]))); fast = false }
            if chance(3), let first = fields.first { fields.append(first); fast = false }
            if chance(3) {
                fields.append(pair(pick(["id", "nps", "reasons", "comment", "lang"]), pick(["5", "true", "\"7\"", "[1]", "{}", "[null]"])))
                fast = false
            }
            // Unknown keys repeated are a duplicate too: keep the first of each name.
            var names = Set<Substring>()
            let keepAll = !fast
            fields = fields.filter { field in keepAll || names.insert(field.split(separator: "\"").first ?? "").inserted }
            var shuffled = fields
            for index in shuffled.indices.reversed() where index > 0 { shuffled.swapAt(index, next(index + 1)) }
            return shuffled
        }

        mutating func object(inBatch: Bool) -> String {
            "{" + space() + fields(inBatch: inBatch).joined(separator: space() + "," + space()) + space() + "}"
        }

        mutating func body() -> String {
            let text: String
            if chance(35) {
                text = object(inBatch: false)
            } else {
                let items = (0..<next(chance(10) ? 60 : 6)).map { _ in space() + object(inBatch: true) + space() }
                var top = ["\"items\"" + space() + ":" + space() + "[" + items.joined(separator: ",") + space() + "]"]
                if chance(20) { top.insert("\"source\"" + space() + ":" + space() + anyValue(depth: 1), at: next(2)) }
                text = "{" + space() + top.joined(separator: space() + "," + space()) + space() + "}"
            }
            return space() + text + space()
        }
    }

    /// A generated body and four broken ones made from it: cut short, a byte changed, a byte inserted, a byte dropped.
    static func bodies(seed: UInt64) -> [Body] {
        var writer = Writer(seed: seed)
        let bytes = Array(writer.body().utf8)
        var bodies = [Body(bytes: bytes, fast: writer.fast)]
        guard !bytes.isEmpty else { return bodies }
        bodies.append(Body(bytes: Array(bytes.prefix(writer.next(bytes.count))), fast: false))
        var flipped = bytes
        flipped[writer.next(bytes.count)] = writer.chance(50) ? UInt8(writer.next(256)) : writer.pick(Array("\"\\{}[],:0-en \u{1}".utf8))
        bodies.append(Body(bytes: flipped, fast: false))
        var inserted = bytes
        inserted.insert(writer.pick(Array("\"\\{}[],:0.e \u{1F}".utf8) + [0x80, 0xC3, 0xFF]), at: writer.next(bytes.count + 1))
        bodies.append(Body(bytes: inserted, fast: false))
        var dropped = bytes
        dropped.remove(at: writer.next(bytes.count))
        bodies.append(Body(bytes: dropped, fast: false))
        return bodies
    }

    /// The fast path's items equal JSONDecoder's whenever it returns any; whether it did.
    static func check(_ body: Body) -> Bool {
        let fast = FeedbackBatchFastDecoderTests.fast(body.bytes)
        let reference = FeedbackBatchFastDecoderTests.reference(body.bytes)
        if let fast {
            #expect(reference != nil, "fast path took a body JSONDecoder refuses: \(String(decoding: body.bytes, as: UTF8.self))")
            #expect(fast == reference, "differs from JSONDecoder: \(String(decoding: body.bytes, as: UTF8.self))")
        }
        if body.fast {
            #expect(fast != nil, "well-formed body refused: \(String(decoding: body.bytes, as: UTF8.self))")
            #expect(reference != nil, "generated body JSONDecoder refuses: \(String(decoding: body.bytes, as: UTF8.self))")
        }
        return fast != nil
    }

    @Test func fastPathAgreesWithJSONDecoder() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max)) { seed in
            for body in Self.bodies(seed: seed) { _ = Self.check(body) }
        }
    }

    /// Seeds 1…3000, counted: every well-formed body takes the fast path; of the broken ones, those it takes agree.
    @Test func countedRun() {
        var wellFormed = 0, wellFormedFast = 0, other = 0, otherFast = 0
        for seed in 1...3_000 as ClosedRange<UInt64> {
            for body in Self.bodies(seed: seed &* 0x9E37_79B9_7F4A_7C15) {
                let taken = Self.check(body)
                if body.fast {
                    wellFormed += 1
                    wellFormedFast += taken ? 1 : 0
                } else {
                    other += 1
                    otherFast += taken ? 1 : 0
                }
            }
        }
        print("FeedbackBatchFastDecoder: \(wellFormedFast) of \(wellFormed) well-formed bodies took the fast path; \(otherFast) of \(other) other bodies (rule breakers and mutations) did (each compared with JSONDecoder's result field by field)")
        #expect(wellFormed > 1_500)
        #expect(wellFormedFast == wellFormed)
    }
}
