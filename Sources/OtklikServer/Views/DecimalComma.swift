/// Russian writes a decimal comma ("27,1 %", "[24,1; 30,1]"), English a decimal point. Page models format their figures
/// once, with a point, in many places; a Russian page gets its commas here, on the rendered HTML, so that no figure can
/// be missed: in the text between tags only — never inside a tag (attribute values, form values, links), never in
/// `script`, `style`, `textarea`, `pre` or `code` (what a user edits or copies stays as stored), and only a single
/// point between digits: "127.0.0.1" and "1.2.3" are left alone, and so is a point after a comma ("1,234.5").
enum DecimalComma {
    private static let verbatim: [[UInt8]] = ["script", "style", "textarea", "pre", "code"].map { Array($0.utf8) }

    static func apply(to html: String) -> String {
        let bytes = Array(html.utf8)
        guard bytes.contains(UInt8(ascii: ".")) else { return html }
        var out = bytes
        var index = 0
        var skipping: [UInt8]?  // inside a verbatim element: its name, until its closing tag
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                let name = tagName(bytes, at: index + 1)
                if let open = skipping {
                    if name.closing && name.name == open { skipping = nil }
                } else if !name.closing, let element = verbatim.first(where: { $0 == name.name }) {
                    skipping = element
                }
                index = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
                continue
            }
            if skipping == nil, byte == UInt8(ascii: "."), isDecimalPoint(bytes, at: index) {
                out[index] = UInt8(ascii: ",")
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A point with digits on both sides, whose number has no other point or comma: "27.1" but not "127.0.0.1".
    private static func isDecimalPoint(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0, index + 1 < bytes.count, isDigit(bytes[index - 1]), isDigit(bytes[index + 1]) else { return false }
        var before = index - 1
        while before > 0, isDigit(bytes[before - 1]) { before -= 1 }
        if before > 0, [UInt8(ascii: "."), UInt8(ascii: ",")].contains(bytes[before - 1]) { return false }
        var after = index + 1
        while after < bytes.count, isDigit(bytes[after]) { after += 1 }
        if after + 1 < bytes.count, [UInt8(ascii: "."), UInt8(ascii: ",")].contains(bytes[after]), isDigit(bytes[after + 1]) { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The lower-cased element name after "<" (or "</"), and whether it closes an element.
    private static func tagName(_ bytes: [UInt8], at start: Int) -> (name: [UInt8], closing: Bool) {
        var index = start
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        var name: [UInt8] = []
        while index < bytes.count, name.count < 16 {
            let byte = bytes[index] | 0x20  // ASCII letters to lower case
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
            name.append(byte)
            index += 1
        }
        return (name, closing)
    }
}
