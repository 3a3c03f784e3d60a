/// A single pass over a feedback write's UTF-8 bytes for the common, well-formed shape — `{"items": [{…}, …]}` or one
/// object — that returns the items `JSONDecoder` would decode as ``FeedbackBatchJSON``, or nil for anything else; the
/// caller then decodes with `JSONDecoder`, so every error message and every odd-but-valid input stays as it is there.
///
/// Nil (never a different result) for: a top level that is not an object or is followed by anything but whitespace;
/// a duplicate key in an item or the top-level object; a key written with an escape; `analysis`; a required field
/// (`id`, `channel`) missing or not a string; a field of the wrong type; `nps`, `csat` or `ces` that is not an integer
/// literal fitting `Int` (a fraction, an exponent, `-0`, out of range); `reasons` that is not an array of strings or
/// null; a string with a raw control character, an invalid escape, a lone surrogate or invalid UTF-8; an unknown
/// key's value that is not valid JSON or nests deeper than ``maxDepth``; `items` that is not an array of objects.
enum FeedbackBatchFastDecoder {
    /// Deepest nesting of an unknown key's value the fast path skips (JSONDecoder's own limit is far deeper).
    static let maxDepth = 32

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [FeedbackJSON]? {
        var scanner = Scanner(bytes: bytes)
        return scanner.batch()
    }

    static func decode(_ bytes: [UInt8]) -> [FeedbackJSON]? {
        bytes.withUnsafeBytes { decode($0) }
    }
}

extension FeedbackJSON {
    /// An item with only its required fields; the fast decoder fills in the rest.
    init(id: String, channel: String) {
        self.id = id
        self.channel = channel
    }
}

extension FeedbackBatchFastDecoder {
    /// The keys the decoder knows, by their index in ``Scanner/Draft``'s mask.
    enum Key: Int, CaseIterable {
        case id, ts, channel, kind, location, staff, service, device, customer, interaction
        case nps, csat, ces, button, reasons, comment, contact, lang, analysis, items

        static let names: [[UInt8]] = allCases.map { Array("\($0)".utf8) }
    }

    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        /// One object's fields as they are read.
        struct Draft {
            var seen: UInt32 = 0
            var item = FeedbackJSON(id: "", channel: "")
        }

        // MARK: Top level

        mutating func batch() -> [FeedbackJSON]? {
            skipWhitespace()
            var items: [FeedbackJSON]?
            guard let draft = object(topLevel: true, items: &items) else { return nil }
            skipWhitespace()
            guard index == bytes.count else { return nil }
            if let items { return items }
            return complete(draft).map { [$0] }
        }

        /// The item of a draft whose required fields were read.
        func complete(_ draft: Draft) -> FeedbackJSON? {
            let required = UInt32(1) << Key.id.rawValue | UInt32(1) << Key.channel.rawValue
            return draft.seen & required == required ? draft.item : nil
        }

        /// An object's fields; at the top level an `items` key holds the batch, in an item it is an unknown key.
        mutating func object(topLevel: Bool, items: inout [FeedbackJSON]?) -> Draft? {
            guard next() == UInt8(ascii: "{") else { return nil }
            var draft = Draft()
            var unknown: [[UInt8]] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return draft
            }
            while true {
                skipWhitespace()
                guard let (start, end) = plainKey() else { return nil }
                skipWhitespace()
                guard next() == UInt8(ascii: ":") else { return nil }
                skipWhitespace()
                if let key = known(start, end), key != .items || topLevel {
                    let bit = UInt32(1) << key.rawValue
                    guard draft.seen & bit == 0 else { return nil }
                    draft.seen |= bit
                    guard field(key, into: &draft.item, items: &items) else { return nil }
                } else {
                    let name = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    guard !unknown.contains(name) else { return nil }
                    unknown.append(name)
                    guard skipValue(depth: 1) else { return nil }
                }
                skipWhitespace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "}"): return draft
                default: return nil
                }
            }
        }

        /// One known field's value into the item; false for anything the fast path does not take.
        mutating func field(_ key: Key, into item: inout FeedbackJSON, items: inout [FeedbackJSON]?) -> Bool {
            switch key {
            case .id: guard let value = string() else { return false }; item.id = value
            case .channel: guard let value = string() else { return false }; item.channel = value
            case .ts: return optionalString(&item.ts)
            case .kind: return optionalString(&item.kind)
            case .location: return optionalString(&item.location)
            case .staff: return optionalString(&item.staff)
            case .service: return optionalString(&item.service)
            case .device: return optionalString(&item.device)
            case .customer: return optionalString(&item.customer)
            case .interaction: return optionalString(&item.interaction)
            case .button: return optionalString(&item.button)
            case .comment: return optionalString(&item.comment)
            case .contact: return optionalString(&item.contact)
            case .lang: return optionalString(&item.lang)
            case .nps: return optionalInt(&item.nps)
            case .csat: return optionalInt(&item.csat)
            case .ces: return optionalInt(&item.ces)
            case .reasons: return optionalStrings(&item.reasons)
            case .analysis: return false
            case .items:
                guard let list = itemList() else { return false }
                items = list
            }
            return true
        }

        /// `[ {…}, … ]`, each object a complete item.
        mutating func itemList() -> [FeedbackJSON]? {
            guard next() == UInt8(ascii: "[") else { return nil }
            var list: [FeedbackJSON] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return list
            }
            while true {
                skipWhitespace()
                var ignored: [FeedbackJSON]?
                guard let draft = object(topLevel: false, items: &ignored), let item = complete(draft) else { return nil }
                list.append(item)
                skipWhitespace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return list
                default: return nil
                }
            }
        }

        // MARK: Typed values

        mutating func optionalString(_ target: inout String?) -> Bool {
            if literal("null") {
                target = nil
                return true
            }
            guard let value = string() else { return false }
            target = value
            return true
        }

        mutating func optionalInt(_ target: inout Int?) -> Bool {
            if literal("null") {
                target = nil
                return true
            }
            guard let value = integer() else { return false }
            target = value
            return true
        }

        mutating func optionalStrings(_ target: inout [String]?) -> Bool {
            if literal("null") {
                target = nil
                return true
            }
            guard next() == UInt8(ascii: "[") else { return false }
            var values: [String] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                target = values
                return true
            }
            while true {
                skipWhitespace()
                guard let value = string() else { return false }
                values.append(value)
                skipWhitespace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"):
                    target = values
                    return true
                default: return false
                }
            }
        }

        /// An integer literal (`-?(0|[1-9][0-9]*)`) that fits `Int`; nil for a fraction, an exponent, `-0` or overflow.
        mutating func integer() -> Int? {
            let negative = peek() == UInt8(ascii: "-")
            if negative { index += 1 }
            guard let first = digit() else { return nil }
            var value = -first
            if first == 0 {
                if negative { return nil }
            } else {
                while let more = digit() {
                    let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.subtractingReportingOverflow(more)
                    guard !overflow, !overflow2 else { return nil }
                    value = sum
                }
            }
            switch peek() ?? 0 {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "0")...UInt8(ascii: "9"): return nil
            default: break
            }
            if negative { return value }
            guard value != Int.min else { return nil }
            return -value
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, case let byte = bytes[index], byte &- UInt8(ascii: "0") < 10 else { return nil }
            index += 1
            return Int(byte &- UInt8(ascii: "0"))
        }

        // MARK: Strings

        /// A string key without escapes: the range of its bytes between the quotes.
        mutating func plainKey() -> (Int, Int)? {
            guard next() == UInt8(ascii: "\"") else { return nil }
            let start = index
            var high: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if high >= 0x80, String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) == nil {
                        return nil
                    }
                    index += 1
                    return (start, index - 1)
                }
                guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
                high |= byte
                index += 1
            }
            return nil
        }

        /// The known key spelled by the bytes `start..<end` (compared by length and first byte before the rest).
        func known(_ start: Int, _ end: Int) -> Key? {
            let length = end - start
            guard length > 0 else { return nil }
            let first = bytes[start]
            let names = Key.names
            for raw in names.indices where names[raw].count == length && names[raw][0] == first {
                if names[raw].withUnsafeBytes({ equal($0, UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }) { return Key(rawValue: raw) }
            }
            return nil
        }

        func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
            for offset in 0..<a.count where a[offset] != b[offset] { return false }
            return true
        }

        /// A JSON string: built from its byte range when it has no escape, else from a buffer of its decoded bytes;
        /// nil for a raw control character, an invalid escape, a lone surrogate or invalid UTF-8.
        mutating func string() -> String? {
            guard next() == UInt8(ascii: "\"") else { return nil }
            let start = index
            var high: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let range = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return high < 0x80 ? String(decoding: range, as: UTF8.self) : String(validating: range, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
                guard byte >= 0x20 else { return nil }
                high |= byte
                index += 1
            }
            return nil
        }

        /// The rest of a string from its first escape, `start` being its first byte after the quote.
        mutating func escapedString(from start: Int) -> String? {
            var buffer: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            buffer.reserveCapacity(buffer.count + 16)
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: buffer, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        UTF8.encode(scalar) { buffer.append($0) }
                    default: return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    buffer.append(byte)
                }
            }
            return nil
        }

        /// The scalar of `\uXXXX` (after the `u`), a surrogate pair taking the `\uXXXX` that follows; nil for a lone
        /// surrogate.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let unit = hex4() else { return nil }
            switch unit {
            case 0xD800...0xDBFF:
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                index += 2
                guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00...0xDFFF: return nil
            default: return Unicode.Scalar(unit)
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let nibble: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(nibble)
                index += 1
            }
            return value
        }

        // MARK: Skipping an unknown key's value (validated)

        mutating func skipValue(depth: Int) -> Bool {
            guard depth <= FeedbackBatchFastDecoder.maxDepth else { return false }
            switch peek() {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"): return skipMembers(closing: UInt8(ascii: "}"), keyed: true, depth: depth)
            case UInt8(ascii: "["): return skipMembers(closing: UInt8(ascii: "]"), keyed: false, depth: depth)
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return skipNumber()
            }
        }

        /// An object's (`keyed`: `"key": value` pairs) or an array's members from its opening bracket to `closing`, each
        /// validated and skipped.
        mutating func skipMembers(closing: UInt8, keyed: Bool, depth: Int) -> Bool {
            index += 1
            skipWhitespace()
            if peek() == closing {
                index += 1
                return true
            }
            while true {
                skipWhitespace()
                if keyed {
                    guard string() != nil else { return false }
                    skipWhitespace()
                    guard next() == UInt8(ascii: ":") else { return false }
                    skipWhitespace()
                }
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                switch next() {
                case UInt8(ascii: ","): continue
                case closing: return true
                default: return false
                }
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func skipNumber() -> Bool {
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = digit() else { return false }
            if first != 0 { while digit() != nil {} }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard digit() != nil else { return false }
                while digit() != nil {}
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard digit() != nil else { return false }
                while digit() != nil {}
            }
            return true
        }

        // MARK: Bytes

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let pointer = word.utf8Start
            for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
            index += count
            return true
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }
    }
}
