import Foundation

/// Checks a transcript against one event of a service standard: each required phrase is looked for fuzzily at
/// stem level, each forbidden word exactly at stem level, and a 0–100 score is given.
///
/// A phrase counts as said when at least `phraseCoverage` of its stems occur in order within a window of the
/// transcript (`2 × phrase length + 2` words), so "здравствуйте, меня, пожалуйста, зовут Анна" still greets.
/// The score is the share of tasks whose phrases were all said, minus `forbiddenPenalty` points per forbidden word
/// used, never below 0.
public struct StandardComplianceChecker: Sendable {
    public var phraseCoverage: Double
    public var forbiddenPenalty: Double
    /// Trigger words checked in every event besides the event's own forbidden list.
    public var triggers: TriggerWordList

    public init(phraseCoverage: Double = 0.8, forbiddenPenalty: Double = 20, triggers: TriggerWordList = TriggerWordList(words: [])) {
        self.phraseCoverage = phraseCoverage
        self.forbiddenPenalty = forbiddenPenalty
        self.triggers = triggers
    }

    /// The compliance of `transcript` with `event`.
    public func check(_ transcript: String, against event: ServiceStandard.Event) -> ComplianceReport {
        let stems = Tokenizer.tokenize(transcript).filter { $0.kind == .word }.map(Stemmer.stem)
        var items: [ComplianceItem] = []
        var tasksMet = 0
        for task in event.tasks {
            var taskMet = true
            for phrase in task.phrases {
                let alternatives = phrase.split(separator: "|").map { String($0).trimmingCharacters(in: .whitespaces) }
                var best = 0.0
                for alternative in alternatives {
                    best = max(best, coverage(of: Stemmer.stems(ofPhrase: alternative), in: stems))
                }
                let met = best >= phraseCoverage
                taskMet = taskMet && met
                items.append(ComplianceItem(kind: .requiredPhrase, task: task.task, text: phrase, met: met, coverage: best))
            }
            if taskMet { tasksMet += 1 }
        }
        var forbiddenUsed = 0
        let checker = TriggerWordChecker(list: TriggerWordList(words: event.forbidden + triggers.words))
        let used = Set(checker.check(transcript).map(\.word))
        for word in event.forbidden + triggers.words {
            let found = used.contains(word)
            if found { forbiddenUsed += 1 }
            items.append(ComplianceItem(kind: .forbiddenWord, task: nil, text: word, met: !found, coverage: found ? 1 : 0))
        }
        let base = event.tasks.isEmpty ? 100 : 100 * Double(tasksMet) / Double(event.tasks.count)
        let score = max(0, base - forbiddenPenalty * Double(forbiddenUsed))
        return ComplianceReport(event: event.event, score: score, tasksMet: tasksMet, tasks: event.tasks.count, forbiddenUsed: forbiddenUsed, items: items)
    }

    /// The largest share of the phrase's stems found in order inside one window of the transcript.
    func coverage(of phrase: [String], in transcript: [String]) -> Double {
        guard !phrase.isEmpty else { return 1 }
        guard !transcript.isEmpty else { return 0 }
        let window = 2 * phrase.count + 2
        var best = 0
        for start in transcript.indices where phrase.contains(transcript[start]) {
            // Greedy in-order match from this start; the longest common subsequence would rarely differ here.
            let end = min(transcript.count, start + window)
            var matched = 0
            var next = 0
            for position in start..<end where next < phrase.count {
                if let found = phrase[next...].firstIndex(of: transcript[position]) {
                    matched += 1
                    next = found + 1
                }
            }
            best = max(best, matched)
            if best == phrase.count { break }
        }
        return Double(best) / Double(phrase.count)
    }
}

/// The result of checking one transcript against one event.
public struct ComplianceReport: Sendable, Hashable, Codable {
    public var event: String
    /// 0–100.
    public var score: Double
    public var tasksMet: Int
    public var tasks: Int
    public var forbiddenUsed: Int
    public var items: [ComplianceItem]

    enum CodingKeys: String, CodingKey {
        case event, score, tasksMet = "tasks_met", tasks, forbiddenUsed = "forbidden_used", items
    }
}

/// One checked item: a required phrase (met when said) or a forbidden word (met when not used).
public struct ComplianceItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case requiredPhrase = "required_phrase"
        case forbiddenWord = "forbidden_word"
    }

    public var kind: Kind
    public var task: String?
    public var text: String
    public var met: Bool
    /// Share of the phrase's stems found (1 for a forbidden word that was used).
    public var coverage: Double
}
