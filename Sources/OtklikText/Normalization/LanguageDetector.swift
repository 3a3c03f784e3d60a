/// Tells Russian from English by script, for a whole text and for mixed texts.
public enum LanguageDetector {
    /// `ru` when Cyrillic letters outnumber Latin ones, `en` when Latin letters do, nil for text with neither.
    public static func detect(_ text: String) -> String? {
        mix(text).primary
    }

    /// Shares of Cyrillic and Latin letters in a text.
    public static func mix(_ text: String) -> LanguageMix {
        var cyrillic = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        return LanguageMix(cyrillicLetters: cyrillic, latinLetters: latin)
    }

    /// The language mix of already tokenised text, counting words rather than letters.
    public static func mix(of tokens: [Token]) -> LanguageMix {
        var cyrillic = 0
        var latin = 0
        for token in tokens where token.kind == .word {
            switch token.script {
            case .cyrillic: cyrillic += token.text.unicodeScalars.count
            case .latin: latin += token.text.unicodeScalars.count
            case .other: break
            }
        }
        return LanguageMix(cyrillicLetters: cyrillic, latinLetters: latin)
    }
}

/// How much of a text is Russian and how much English.
public struct LanguageMix: Sendable, Hashable, Codable {
    public var cyrillicLetters: Int
    public var latinLetters: Int

    public init(cyrillicLetters: Int, latinLetters: Int) {
        self.cyrillicLetters = cyrillicLetters
        self.latinLetters = latinLetters
    }

    /// `ru`, `en`, or nil when the text has no letters of either script; ties go to `ru`.
    public var primary: String? {
        if cyrillicLetters == 0 && latinLetters == 0 { return nil }
        return cyrillicLetters >= latinLetters ? "ru" : "en"
    }

    /// Both languages are present and the smaller one has at least a fifth of the letters.
    public var isMixed: Bool {
        let total = cyrillicLetters + latinLetters
        return total > 0 && min(cyrillicLetters, latinLetters) * 5 >= total
    }

    /// The languages present, primary first (`["ru", "en"]` for mixed text).
    public var languages: [String] {
        guard let primary else { return [] }
        return isMixed ? (primary == "ru" ? ["ru", "en"] : ["en", "ru"]) : [primary]
    }
}
