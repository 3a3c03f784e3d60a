/// Question rotation (seed 002, best practice 6: limit the questions each customer gets, choosing them at random from
/// the full list; METHODS.md: a common block plus a random subset, i.e. planned missingness). The integral question
/// (NPS, CES, …) is always asked; of the pool, each respondent gets at most K questions.
///
/// - Random (`balanced == false`): a uniform sample of min(K, |pool|) pool questions without replacement, a function of
///   the seed and the respondent id only. Every pool question is asked with probability K/|pool|, and every pair with
///   the same probability, so the missingness is completely at random (MCAR) and FIML or multiple imputation apply.
/// - Balanced: the K least-asked questions so far (ties broken at random by seed and respondent), from a tally the
///   caller keeps and persists; the counts of any two pool questions never differ by more than one. Assignment then
///   depends on the order of respondents, but not on their answers, so the missingness is still ignorable.
///
/// The chosen pool questions are returned in pool order, after the integral question.
public struct QuestionRotation: Sendable, Codable, Equatable {
    public var integral: String
    public var pool: [String]
    /// K: the most pool questions one respondent gets.
    public var perRespondent: Int
    public var balanced: Bool
    public var seed: UInt64

    /// nil if K < 0, the pool repeats a question, or contains the integral question.
    public init?(integral: String, pool: [String], perRespondent: Int, balanced: Bool = false, seed: UInt64) {
        guard perRespondent >= 0, Set(pool).count == pool.count, !pool.contains(integral) else { return nil }
        self.integral = integral
        self.pool = pool
        self.perRespondent = perRespondent
        self.balanced = balanced
        self.seed = seed
    }

    /// How many pool questions each respondent gets: min(K, |pool|).
    public var asked: Int { min(perRespondent, pool.count) }

    /// The probability a given pool question is asked of a respondent under random rotation: min(K, |pool|) / |pool|.
    public var inclusionProbability: Double { pool.isEmpty ? 0 : Double(asked) / Double(pool.count) }

    /// The questions for one respondent under random rotation (the tally is not needed and `balanced` is ignored).
    public func questions(for respondent: String) -> [String] {
        var random = SamplingRandom(seed: seed, key: "rotation|" + respondent)
        var indices = Array(pool.indices)
        // Partial Fisher-Yates: the first `asked` positions are a uniform sample without replacement.
        for position in 0..<asked {
            let pick = position + random.next(below: indices.count - position)
            indices.swapAt(position, pick)
        }
        return [integral] + indices.prefix(asked).sorted().map { pool[$0] }
    }

    /// The questions for one respondent, recorded in `tally`: balanced (least asked first) when `balanced`, random
    /// otherwise.
    public func questions(for respondent: String, tally: inout RotationTally) -> [String] {
        let chosen: [String]
        if balanced {
            var random = SamplingRandom(seed: seed, key: "rotation|" + respondent)
            let ties = pool.indices.map { _ in random.next() }
            let order = pool.indices.sorted { a, b in
                let (countA, countB) = (tally.count(of: pool[a]), tally.count(of: pool[b]))
                return countA != countB ? countA < countB : (ties[a], a) < (ties[b], b)
            }
            chosen = [integral] + order.prefix(asked).sorted().map { pool[$0] }
        } else {
            chosen = questions(for: respondent)
        }
        tally.record(chosen)
        return chosen
    }
}
