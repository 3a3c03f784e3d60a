extension Migrations {
    /// Closing a survey (issue 20 item 8): when it was closed; a closed survey takes no new invitations or answers and
    /// its links say so. NULL: open.
    static let v49SurveyClosing = Migration("0049_survey_closing", [
        "ALTER TABLE surveys ADD COLUMN closed_at BIGINT",
    ])
}
