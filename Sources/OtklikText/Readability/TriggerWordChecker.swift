/// Words and phrases staff should avoid in answers to customers, found at stem level in either language.
/// Editable as JSON: `{"words": ["невозможно", "calm down", ...]}`.
public struct TriggerWordList: Sendable, Codable, Equatable {
    public var words: [String]

    public init(words: [String]) {
        self.words = words
    }

    /// The list Otklik ships: refusals, blame, dismissive and bureaucratic phrasing.
    public static let standard = TriggerWordList(words: [
        "невозможно", "нельзя", "не положено", "не можем", "не имеем права", "это не ко мне", "не моя работа",
        "не моя проблема", "ваша проблема", "вы должны", "вы обязаны", "вы не поняли", "успокойтесь", "не знаю",
        "ничем не могу помочь", "проблема", "жалоба", "минуточку", "девушка", "мужчина", "как я уже говорил",
        "нет", "правила есть правила", "обращайтесь", "к сожалению",
        "impossible", "can't", "cannot", "not my job", "not my problem", "your problem", "you must", "you have to",
        "you should have", "calm down", "policy", "i don't know", "no way", "problem", "complaint",
        "as i already said", "unfortunately", "that's not my department",
    ])
}

/// Finds trigger words in a text.
public struct TriggerWordChecker: Sendable {
    public let list: TriggerWordList
    private let entries: [(word: String, stems: [String])]

    public init(list: TriggerWordList = .standard) {
        self.list = list
        entries = list.words.map { ($0, Stemmer.stems(ofPhrase: $0)) }.filter { !$0.1.isEmpty }
    }

    /// The list entries found in `text`, each once, in list order, with the word position of the first match.
    public func check(_ text: String) -> [TriggerWordHit] {
        let words = Tokenizer.tokenize(text).filter { $0.kind == .word }
        let stems = words.map(Stemmer.stem)
        var hits: [TriggerWordHit] = []
        for entry in entries {
            guard entry.stems.count <= stems.count else { continue }
            for start in 0...(stems.count - entry.stems.count)
            where stems[start..<(start + entry.stems.count)].elementsEqual(entry.stems) {
                hits.append(TriggerWordHit(word: entry.word, position: start))
                break
            }
        }
        return hits
    }
}

/// A trigger word found in a text.
public struct TriggerWordHit: Sendable, Hashable, Codable {
    /// The list entry.
    public var word: String
    /// Index of the first matching word in the text's words.
    public var position: Int
}
