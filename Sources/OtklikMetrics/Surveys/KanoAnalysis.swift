/// Kano analysis of one feature (METHODS.md "Kano"; Berger et al. 1993 for the coefficients): each respondent's
/// functional/dysfunctional pair is classified by the evaluation table; the feature's category is the most frequent
/// one among A, O, M, I and R (questionable answers are left out), ties broken M > O > A > I > R;
/// Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I), with R and Q excluded from both.
public struct KanoAnalysis: Sendable, Equatable, Codable {
    public var feature: String
    /// Answer pairs classified (Q and R included).
    public var n: Int
    /// Answers per category, keyed by its letter.
    public var counts: [String: Int]
    /// nil without answers; Q when every answer was questionable.
    public var category: KanoCategory?
    /// Satisfaction if present, 0…1; nil when A+O+M+I = 0.
    public var better: Double?
    /// Dissatisfaction if absent, −1…0; nil when A+O+M+I = 0.
    public var worse: Double?

    private static let tieOrder: [KanoCategory] = [.mustBe, .oneDimensional, .attractive, .indifferent, .reverse]

    public init(feature: String, pairs: [(functional: KanoAnswer, dysfunctional: KanoAnswer)]) {
        var tally: [KanoCategory: Int] = [:]
        for pair in pairs { tally[KanoCategory(functional: pair.functional, dysfunctional: pair.dysfunctional), default: 0] += 1 }
        func count(_ category: KanoCategory) -> Int { tally[category] ?? 0 }
        self.feature = feature
        n = pairs.count
        counts = Dictionary(uniqueKeysWithValues: KanoCategory.allCases.map { ($0.rawValue, count($0)) })
        let top = Self.tieOrder.map(count).max() ?? 0
        category = top > 0 ? Self.tieOrder.first { count($0) == top } : (pairs.isEmpty ? nil : .questionable)
        let base = count(.attractive) + count(.oneDimensional) + count(.mustBe) + count(.indifferent)
        better = base > 0 ? Double(count(.attractive) + count(.oneDimensional)) / Double(base) : nil
        worse = base > 0 ? -Double(count(.oneDimensional) + count(.mustBe)) / Double(base) : nil
    }
}
