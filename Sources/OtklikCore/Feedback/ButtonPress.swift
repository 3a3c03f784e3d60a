/// A loyalty-button press.
public enum ButtonPress: String, Sendable, Codable, CaseIterable {
    case positive
    case neutral
    case negative
}
