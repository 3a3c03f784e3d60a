/// Where a piece of feedback or an interaction came in.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case button
    case terminal
    case qrWeb = "qr_web"
    case callCenter = "call_center"
    case chat
    case email
    case web
    case mobileApp = "mobile_app"
    case review
    case other
}
