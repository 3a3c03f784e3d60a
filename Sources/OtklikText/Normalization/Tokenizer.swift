/// Splits text into normalised tokens: lower-cased words with ё→е, numbers, emoji and emoticons as their own
/// tokens, `!`/`?` marks and clause boundaries. Everything else (URLs' slashes, quotes, symbols) is dropped.
///
/// Russian chat smileys are recognised: `)))` → `:)`, `(((` → `:(`, and a lone `)` that closes no `(` → `:)`.
public enum Tokenizer {
    /// Tokens of `text`, in order.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5 + 1)
        var word = String.UnicodeScalarView()
        var wordScript = Token.Script.other
        var digits = String.UnicodeScalarView()
        var openParens = 0
        var parenRun: (scalar: UInt32, count: Int) = (0, 0)
        var pendingColon = false

        func flushWord() {
            guard !word.isEmpty else { return }
            // A trailing apostrophe is not part of the word ("cats'" → "cats").
            while let last = word.last, last == "'" { word.removeLast() }
            if !word.isEmpty { tokens.append(Token(String(word), kind: .word, script: wordScript)) }
            word = String.UnicodeScalarView()
            wordScript = .other
        }
        func flushDigits() {
            guard !digits.isEmpty else { return }
            tokens.append(Token(String(digits), kind: .number))
            digits = String.UnicodeScalarView()
        }
        func flushParens() {
            guard parenRun.count > 0 else { return }
            let opening = parenRun.scalar == 0x28
            if pendingColon || parenRun.count >= 2 {
                tokens.append(Token(opening ? ":(" : ":)", kind: .emoji))
                if !pendingColon && opening { openParens = 0 }
            } else if opening {
                openParens += 1
            } else if openParens > 0 {
                openParens -= 1
            } else {
                tokens.append(Token(":)", kind: .emoji))
            }
            parenRun = (0, 0)
            pendingColon = false
        }
        /// A clause boundary (`,`) or sentence end (`.`); of two in a row the sentence end wins.
        func boundary(sentenceEnd: Bool) {
            guard !tokens.isEmpty else { return }
            if tokens[tokens.count - 1].kind == .boundary {
                if sentenceEnd { tokens[tokens.count - 1].text = "." }
            } else {
                tokens.append(Token(sentenceEnd ? "." : ",", kind: .boundary))
            }
        }

        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            index = scalars.index(after: index)

            if pendingColon && (value == 0x44 || value == 0x50) && word.isEmpty
                && (index == scalars.endIndex || Self.lowerLetter(scalars[index]) == nil)
            {
                tokens.append(Token(":)", kind: .emoji))  // ":D", ":P"
                pendingColon = false
                continue
            }
            if let lower = Self.lowerLetter(scalar) {
                flushDigits()
                flushParens()
                pendingColon = false
                let script: Token.Script =
                    (0x0400...0x04FF).contains(lower.value) ? .cyrillic : (lower.value < 0x250 ? .latin : .other)
                if word.isEmpty { wordScript = script } else if script != wordScript && script != .other {
                    // A change of script inside a word (e.g. "тест-drive" without the hyphen) splits it.
                    flushWord()
                    wordScript = script
                }
                word.append(lower)
                continue
            }
            if (0x30...0x39).contains(value) {
                flushWord()
                flushParens()
                pendingColon = false
                digits.append(scalar)
                continue
            }
            if (value == 0x27 || value == 0x2019) && !word.isEmpty && wordScript == .latin {
                // Inner apostrophe: keep ("don't"); a trailing one is removed when the word ends.
                word.append("'")
                continue
            }
            flushWord()
            flushDigits()
            if value == 0x28 || value == 0x29 {
                if parenRun.count > 0 && parenRun.scalar != value { flushParens() }
                parenRun = (value, parenRun.count + 1)
                continue
            }
            flushParens()
            switch value {
            case 0x3A, 0x3B, 0x3D:  // : ; =  (may start an emoticon)
                if value == 0x3A || value == 0x3B { boundary(sentenceEnd: false) }
                pendingColon = true
                continue
            case 0x2D where pendingColon:  // ":-)"
                continue
            default: break
            }
            pendingColon = false
            switch value {
            case 0x21, 0x3F:
                tokens.append(Token(value == 0x21 ? "!" : "?", kind: .mark))
            case 0x2E, 0x0A, 0x0D, 0x2026:
                boundary(sentenceEnd: true)
            case 0x2C, 0x2014, 0x2013:
                boundary(sentenceEnd: false)
            case 0x200D, 0xFE0F, 0xFE0E, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F:
                break  // emoji joiners, variation selectors, skin tones, tag characters
            default:
                if Self.isEmoji(scalar) { tokens.append(Token(String(scalar), kind: .emoji)) }
            }
        }
        flushWord()
        flushDigits()
        flushParens()
        if tokens.last?.kind == .boundary { tokens.removeLast() }
        return tokens
    }

    /// The lower-case form of a letter (ё/Ё → е), or nil for a non-letter.
    @inline(__always) static func lowerLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        case 0x61...0x7A, 0x0430...0x044F: return scalar
        case 0x41...0x5A, 0x0410...0x042F: return Unicode.Scalar(value + 0x20)
        case 0x0401, 0x0451: return Unicode.Scalar(0x0435)
        case 0..<0x80: return nil
        default:
            guard scalar.properties.isAlphabetic, !isEmoji(scalar) else { return nil }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first : scalar
        }
    }

    /// Pictographic emoji and dingbats (not digits, `#` or `*`, which are emoji only with a variation selector).
    @inline(__always) static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x2000 { return false }
        return scalar.properties.isEmojiPresentation || (0x2600...0x27BF).contains(value)
            || (0x1F000...0x1FAFF).contains(value) || value == 0x2764
    }
}
