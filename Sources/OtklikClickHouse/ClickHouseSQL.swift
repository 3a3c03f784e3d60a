/// The only ways a value reaches ClickHouse SQL text. ClickHouse 18.16 has no query parameters (they came in 19.x),
/// so every string is written as a quoted literal with its backslashes and quotes escaped, and every name is checked
/// against `[A-Za-z0-9_]`.
public enum ClickHouseSQL {
    /// `'…'` with `\` and `'` escaped (ClickHouse string literals use backslash escapes), control bytes as `\xNN`.
    public static func literal(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    /// `('a', 'b')`, sorted so that the same set gives the same text.
    public static func list(_ values: some Collection<String>) -> String {
        "(" + values.sorted().map(literal).joined(separator: ", ") + ")"
    }

    /// A database or table name, refused unless it is letters, digits and `_` (not starting with a digit).
    public static func name(_ text: String) throws(ClickHouseError) -> String {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first),
            text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") })
        else { throw .invalidName(text) }
        return text
    }

    /// One field of a `TabSeparated` answer with ClickHouse's escapes undone (`\t`, `\n`, `\\`, `\'`, …).
    public static func unescapeTabSeparated(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for character in field {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
