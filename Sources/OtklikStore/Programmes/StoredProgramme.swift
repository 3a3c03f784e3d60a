import Foundation
import OtklikCore

/// A programme as stored: its definition and status, when it was created, and how many customers each arm holds.
public struct StoredProgramme: Sendable, Equatable {
    public var programme: Programme
    public var statusReason: String?
    public var createdAt: Date
    public var treated: Int
    public var holdout: Int
}
