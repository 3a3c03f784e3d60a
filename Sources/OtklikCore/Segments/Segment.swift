/// A rule-based segment (issue 18 item 7): customers who meet every rule, named in Russian and English.
public struct Segment: Sendable, Equatable {
    public var code: String
    public var nameRu: String
    public var nameEn: String
    public var rules: [SegmentRule]

    public init(code: String, nameRu: String, nameEn: String, rules: [SegmentRule]) {
        self.code = code
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.rules = rules
    }

    public func name(lang: String) -> String { lang == "ru" ? nameRu : nameEn }

    public func matches(_ profile: CustomerProfile) -> Bool { rules.allSatisfy { $0.matches(profile) } }

    /// Whether a rule needs the churn model's scores.
    public var needsChurn: Bool { rules.contains { $0.attribute == .churnBand } }
}
