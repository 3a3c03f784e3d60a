import Foundation

/// What the send-time check says about one contact: send now over a channel, wait until a moment, or skip.
public enum SendDecision: Sendable, Equatable {
    case sendNow(channel: String)
    case waitUntil(Date, channel: String, reason: String)
    case skip(reason: String)

    public var reason: String? {
        switch self {
        case .sendNow: nil
        case .waitUntil(_, _, let reason), .skip(let reason): reason
        }
    }
}
