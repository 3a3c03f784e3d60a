/// Why a survey is run (seed 002): a **measurement** asks a representative sample drawn by a sampling plan and
/// controls its response rate; **feedback** hears whoever wants to be heard, and its figures say where and why,
/// not how much.
public enum SurveyPurpose: String, Sendable, Codable, CaseIterable {
    case measurement
    case feedback
}
