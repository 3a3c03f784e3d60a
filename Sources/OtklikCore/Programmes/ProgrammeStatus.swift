import Foundation

/// Whether a programme acts: `active` enrols and acts on its triggers, `paused` does nothing (by a person or by
/// itself when its effect turned out significantly harmful and `auto_pause` is set).
public enum ProgrammeStatus: String, Sendable, Codable, CaseIterable {
    case active
    case paused
}
