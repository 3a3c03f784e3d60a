import Foundation

/// One answer to a Kano question (Kano et al. 1984; METHODS.md "Kano"): how the respondent would feel if the feature
/// were present (functional question) or absent (dysfunctional question).
public enum KanoAnswer: Int, Sendable, Codable, CaseIterable {
    case like = 1, mustBe, neutral, liveWith, dislike

    /// Reads L, M, N, Lw, D (case-insensitive), the numbers 1-5 in that order, or the words like, must-be/expect,
    /// neutral, live-with/tolerate, dislike; nil for anything else.
    public init?(code: String) {
        let text = code.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        switch text {
        case "l", "1", "like", "i-like-it", "нравится": self = .like
        case "m", "2", "must-be", "mustbe", "expect", "i-expect-it", "must": self = .mustBe
        case "n", "3", "neutral", "i-am-neutral", "нейтрально": self = .neutral
        case "lw", "4", "live-with", "livewith", "tolerate", "i-can-live-with-it": self = .liveWith
        case "d", "5", "dislike", "i-dislike-it", "не-нравится": self = .dislike
        default: return nil
        }
    }
}
