/// Tells Russian from English by script: the first step of text analytics (the full pipeline comes later).
public enum LanguageDetector {
    /// `ru` when Cyrillic letters outnumber Latin ones, `en` when Latin letters do, nil for text with neither.
    public static func detect(_ text: String) -> String? {
        var cyrillic = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        if cyrillic == 0 && latin == 0 { return nil }
        return cyrillic >= latin ? "ru" : "en"
    }
}
