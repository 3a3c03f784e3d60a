/// The loyalty display's page model: today's share of positive ratings for everybody, and on a paired staff screen the
/// open red-press alerts of its location.
struct DisplayPage: Sendable {
    var location: String
    var locationName: String
    var responses: Int
    /// The positive share, percent, once the day has ``DisplayController/displayMinimum`` rated answers.
    var share: String?
    /// A quiet day shows a calm invitation, not "—" and "0 answers".
    var quiet: Bool
    /// The display is paired as the location's staff screen.
    var staffScreen: Bool
    /// The screen's device code (staff screens only).
    var screen: String?
    var alerts: [StaffDisplayAlert]
    var hasAlerts: Bool
    /// Where the staff screen asks for the alerts.
    var alertsSource: String
}

/// The pairing page's model: the location and, after a refused key, why.
struct DisplayPairPage: Sendable {
    var location: String
    var locationName: String
    var error: String?
}
