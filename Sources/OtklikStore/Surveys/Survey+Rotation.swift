import OtklikCore
import OtklikMetrics

extension Survey {
    /// The questions one invitation shows: the integral question first, then at most K − 1 pool questions drawn
    /// uniformly at random by `QuestionRotation` (keyed by the invitation id and the plan's seed, so missing answers
    /// are missing completely at random), in the survey's order.
    public func rotatedQuestions(for invitation: String) -> [String] {
        guard let integral,
              let rotation = QuestionRotation(integral: integral.code, pool: pool.map(\.code), perRespondent: maxQuestions - 1, seed: sampling.seed)
        else { return questions.map(\.code) }
        let chosen = Set(rotation.questions(for: invitation))
        return [integral.code] + pool.map(\.code).filter { chosen.contains($0) }
    }
}
