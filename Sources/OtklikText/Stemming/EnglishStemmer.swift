/// The Snowball English ("Porter2") stemmer, as published at snowballstem.org (algorithm revision of Snowball 3).
///
/// Input is one lower-case word; output is its stem ("operators" → "oper", "waiting" → "wait").
public enum EnglishStemmer {
    private static let vowels = SnowballGrouping("aeiouy")
    private static let vowelsWXY = SnowballGrouping("aeiouywxY")
    private static let validLI = SnowballGrouping("cdeghkmnrt")
    private static let aeo = SnowballGrouping("aeo")
    private static let y = "y".unicodeScalars.first!.value
    private static let capitalY = "Y".unicodeScalars.first!.value
    private static let apostrophe = "'".unicodeScalars.first!.value

    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli",
        "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
        "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    private static let regionPrefixes = SnowballAmongTable([
        ("arsen", 1), ("commun", 1), ("emerg", 1), ("gener", 1), ("inter", 1), ("later", 1), ("organ", 1), ("past", 1),
        ("univers", 1),
    ])
    private static let step1aApostrophe = SnowballAmongTable([("'", 1), ("'s'", 1), ("'s", 1)])
    private static let step1aSuffixes = SnowballAmongTable([
        ("ied", 2), ("s", 3), ("ies", 2), ("sses", 1), ("ss", -1), ("us", -1),
    ])
    private static let step1bEedStems = SnowballAmongTable([("succ", 1), ("proc", 1), ("exc", 1)])
    private static let step1bIngStems = SnowballAmongTable([
        ("even", 2), ("cann", 2), ("inn", 2), ("earr", 2), ("herr", 2), ("out", 2), ("y", 1),
    ])
    private static let step1bSuffixes = SnowballAmongTable([
        ("", -1), ("ed", 2), ("eed", 1), ("ing", 3), ("edly", 2), ("eedly", 1), ("ingly", 2),
    ])
    private static let step1bEndings = SnowballAmongTable([
        ("", 3), ("bb", 2), ("dd", 2), ("ff", 2), ("gg", 2), ("bl", 1), ("mm", 2), ("nn", 2), ("pp", 2), ("rr", 2),
        ("at", 1), ("tt", 2), ("iz", 1),
    ])
    private static let step2Suffixes = SnowballAmongTable([
        ("anci", 3), ("enci", 2), ("ogi", 14), ("li", 16), ("bli", 12), ("abli", 4), ("alli", 8), ("fulli", 9),
        ("lessli", 15), ("ousli", 10), ("entli", 5), ("aliti", 8), ("biliti", 12), ("iviti", 11), ("tional", 1),
        ("ational", 7), ("alism", 8), ("ation", 7), ("ization", 6), ("izer", 6), ("ator", 7), ("iveness", 11),
        ("fulness", 9), ("ousness", 10), ("ogist", 13),
    ])
    private static let step2Replacements: [Int: [UInt32]] = [
        1: "tion".snowball, 2: "ence".snowball, 3: "ance".snowball, 4: "able".snowball, 5: "ent".snowball,
        6: "ize".snowball, 7: "ate".snowball, 8: "al".snowball, 9: "ful".snowball, 10: "ous".snowball,
        11: "ive".snowball, 12: "ble".snowball, 13: "og".snowball, 15: "less".snowball,
    ]
    private static let step3Suffixes = SnowballAmongTable([
        ("icate", 4), ("ative", 6), ("alize", 3), ("iciti", 4), ("ical", 4), ("tional", 1), ("ational", 2),
        ("ful", 5), ("ness", 5),
    ])
    private static let step4Suffixes = SnowballAmongTable([
        ("ic", 1), ("ance", 1), ("ence", 1), ("able", 1), ("ible", 1), ("ate", 1), ("ive", 1), ("ize", 1), ("iti", 1),
        ("al", 1), ("ism", 1), ("ion", 2), ("er", 1), ("ous", 1), ("ant", 1), ("ent", 1), ("ment", 1), ("ement", 1),
    ])
    private static let step5Suffixes = SnowballAmongTable([("e", 1), ("l", 2)])
    private static let past = "past".snowball

    /// The stem of one lower-case English word.
    public static func stem(_ word: String) -> String {
        if let exception = exceptions[word] { return exception }
        if word.unicodeScalars.count < 3 { return word }
        var state = State(SnowballBuffer(word))
        state.run()
        return state.buffer.string
    }

    private struct State {
        var buffer: SnowballBuffer
        var yFound = false
        var p1 = 0
        var p2 = 0

        init(_ buffer: SnowballBuffer) { self.buffer = buffer }

        mutating func run() {
            prelude()
            markRegions()
            buffer.limitBackward = 0
            buffer.cursor = buffer.limit
            step1a()
            buffer.cursor = buffer.limit
            step1b()
            buffer.cursor = buffer.limit
            step1c()
            buffer.cursor = buffer.limit
            step2()
            buffer.cursor = buffer.limit
            step3()
            buffer.cursor = buffer.limit
            step4()
            buffer.cursor = buffer.limit
            step5()
            if yFound {
                for index in 0..<buffer.limit where buffer.current[index] == EnglishStemmer.capitalY {
                    buffer.current[index] = EnglishStemmer.y
                }
            }
        }

        mutating func prelude() {
            if buffer.current.first == EnglishStemmer.apostrophe {
                buffer.current.removeFirst()
                buffer.limit -= 1
                buffer.ket = buffer.limit
            }
            guard buffer.limit > 0 else { return }
            if buffer.current[0] == EnglishStemmer.y {
                buffer.current[0] = EnglishStemmer.capitalY
                yFound = true
            }
            var index = 1
            while index < buffer.limit {
                if buffer.current[index] == EnglishStemmer.y && EnglishStemmer.vowels.contains(buffer.current[index - 1]) {
                    buffer.current[index] = EnglishStemmer.capitalY
                    yFound = true
                }
                index += 1
            }
        }

        mutating func markRegions() {
            p1 = buffer.limit
            p2 = buffer.limit
            buffer.cursor = 0
            defer { buffer.cursor = 0 }
            if buffer.findAmong(EnglishStemmer.regionPrefixes) == 0 {
                buffer.cursor = 0
                guard buffer.goOutGrouping(EnglishStemmer.vowels) else { return }
                buffer.cursor += 1
                guard buffer.goInGrouping(EnglishStemmer.vowels) else { return }
                buffer.cursor += 1
            }
            p1 = buffer.cursor
            guard buffer.goOutGrouping(EnglishStemmer.vowels) else { return }
            buffer.cursor += 1
            guard buffer.goInGrouping(EnglishStemmer.vowels) else { return }
            buffer.cursor += 1
            p2 = buffer.cursor
        }

        var r1: Bool { p1 <= buffer.cursor }
        var r2: Bool { p2 <= buffer.cursor }

        /// A short syllable ends at the cursor.
        mutating func shortSyllable() -> Bool {
            let saved = buffer.cursor
            if buffer.outGroupingB(EnglishStemmer.vowelsWXY) && buffer.inGroupingB(EnglishStemmer.vowels)
                && buffer.outGroupingB(EnglishStemmer.vowels)
            {
                return true
            }
            buffer.cursor = saved
            if buffer.outGroupingB(EnglishStemmer.vowels) && buffer.inGroupingB(EnglishStemmer.vowels)
                && buffer.cursor <= buffer.limitBackward
            {
                return true
            }
            buffer.cursor = saved
            return buffer.eqSB(EnglishStemmer.past)
        }

        mutating func step1a() {
            buffer.ket = buffer.cursor
            let saved = buffer.limit - buffer.cursor
            if buffer.findAmongB(EnglishStemmer.step1aApostrophe) != 0 {
                buffer.bra = buffer.cursor
                buffer.sliceDel()
            } else {
                buffer.cursor = buffer.limit - saved
            }
            buffer.ket = buffer.cursor
            let among = buffer.findAmongB(EnglishStemmer.step1aSuffixes)
            guard among != 0 else { return }
            buffer.bra = buffer.cursor
            switch among {
            case 1: buffer.sliceFrom("ss".snowball)
            case 2: buffer.sliceFrom(buffer.cursor - 2 < buffer.limitBackward ? "ie".snowball : "i".snowball)
            case 3:
                guard buffer.cursor > buffer.limitBackward else { return }
                buffer.cursor -= 1
                guard buffer.goOutGroupingB(EnglishStemmer.vowels) else { return }
                buffer.cursor -= 1
                buffer.sliceDel()
            default: break
            }
        }

        mutating func step1b() {
            buffer.ket = buffer.cursor
            var among = buffer.findAmongB(EnglishStemmer.step1bSuffixes)
            buffer.bra = buffer.cursor
            let atSuffix = buffer.limit - buffer.cursor
            var deleteSuffix = false
            switch among {
            case 1:
                if r1 {
                    let saved = buffer.limit - buffer.cursor
                    if !(buffer.findAmongB(EnglishStemmer.step1bEedStems) != 0 && buffer.cursor <= buffer.limitBackward) {
                        buffer.cursor = buffer.limit - saved
                        buffer.sliceFrom("ee".snowball)
                    }
                }
                return
            case 2:
                deleteSuffix = true
            case 3:
                among = buffer.findAmongB(EnglishStemmer.step1bIngStems)
                if among == 0 {
                    deleteSuffix = true
                } else if among == 1 {
                    let saved = buffer.limit - buffer.cursor
                    if buffer.outGroupingB(EnglishStemmer.vowels) && buffer.cursor <= buffer.limitBackward {
                        buffer.cursor = buffer.limit - saved
                        buffer.bra = buffer.cursor
                        buffer.sliceFrom("ie".snowball)
                        return
                    }
                    deleteSuffix = true
                } else {
                    if buffer.cursor > buffer.limitBackward { deleteSuffix = true } else { return }
                }
            default:
                return
            }
            guard deleteSuffix else { return }
            buffer.cursor = buffer.limit - atSuffix
            let beforeVowel = buffer.limit - buffer.cursor
            guard buffer.goOutGroupingB(EnglishStemmer.vowels) else { return }
            buffer.cursor = buffer.limit - beforeVowel
            buffer.sliceDel()
            buffer.ket = buffer.cursor
            buffer.bra = buffer.cursor
            let atEnd = buffer.limit - buffer.cursor
            among = buffer.findAmongB(EnglishStemmer.step1bEndings)
            switch among {
            case 1:
                buffer.sliceFrom("e".snowball)
                return
            case 2:
                let saved = buffer.limit - buffer.cursor
                if buffer.inGroupingB(EnglishStemmer.aeo) && buffer.cursor <= buffer.limitBackward { return }
                buffer.cursor = buffer.limit - saved
            default:
                guard buffer.cursor == p1 else { return }
                let saved = buffer.limit - buffer.cursor
                guard shortSyllable() else { return }
                buffer.cursor = buffer.limit - saved
                buffer.sliceFrom("e".snowball)
                return
            }
            buffer.cursor = buffer.limit - atEnd
            buffer.ket = buffer.cursor
            guard buffer.cursor > buffer.limitBackward else { return }
            buffer.cursor -= 1
            buffer.bra = buffer.cursor
            buffer.sliceDel()
        }

        mutating func step1c() {
            buffer.ket = buffer.cursor
            guard buffer.eqCharB(EnglishStemmer.y) || buffer.eqCharB(EnglishStemmer.capitalY) else { return }
            buffer.bra = buffer.cursor
            guard buffer.outGroupingB(EnglishStemmer.vowels), buffer.cursor > buffer.limitBackward else { return }
            buffer.sliceFrom("i".snowball)
        }

        mutating func step2() {
            buffer.ket = buffer.cursor
            let among = buffer.findAmongB(EnglishStemmer.step2Suffixes)
            guard among != 0 else { return }
            buffer.bra = buffer.cursor
            guard r1 else { return }
            switch among {
            case 14:
                guard buffer.eqCharB("l".unicodeScalars.first!.value) else { return }
                buffer.sliceFrom("og".snowball)
            case 16:
                guard buffer.inGroupingB(EnglishStemmer.validLI) else { return }
                buffer.sliceDel()
            default:
                if let replacement = EnglishStemmer.step2Replacements[among] { buffer.sliceFrom(replacement) }
            }
        }

        mutating func step3() {
            buffer.ket = buffer.cursor
            let among = buffer.findAmongB(EnglishStemmer.step3Suffixes)
            guard among != 0 else { return }
            buffer.bra = buffer.cursor
            guard r1 else { return }
            switch among {
            case 1: buffer.sliceFrom("tion".snowball)
            case 2: buffer.sliceFrom("ate".snowball)
            case 3: buffer.sliceFrom("al".snowball)
            case 4: buffer.sliceFrom("ic".snowball)
            case 5: buffer.sliceDel()
            default:
                guard r2 else { return }
                buffer.sliceDel()
            }
        }

        mutating func step4() {
            buffer.ket = buffer.cursor
            let among = buffer.findAmongB(EnglishStemmer.step4Suffixes)
            guard among != 0 else { return }
            buffer.bra = buffer.cursor
            guard r2 else { return }
            if among == 1 {
                buffer.sliceDel()
            } else {
                guard buffer.eqCharB("s".unicodeScalars.first!.value) || buffer.eqCharB("t".unicodeScalars.first!.value)
                else { return }
                buffer.sliceDel()
            }
        }

        mutating func step5() {
            buffer.ket = buffer.cursor
            let among = buffer.findAmongB(EnglishStemmer.step5Suffixes)
            guard among != 0 else { return }
            buffer.bra = buffer.cursor
            if among == 1 {
                if !r2 {
                    guard r1 else { return }
                    let saved = buffer.limit - buffer.cursor
                    if shortSyllable() { return }
                    buffer.cursor = buffer.limit - saved
                }
                buffer.sliceDel()
            } else {
                guard r2, buffer.eqCharB("l".unicodeScalars.first!.value) else { return }
                buffer.sliceDel()
            }
        }
    }
}
