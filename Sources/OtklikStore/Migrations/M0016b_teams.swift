extension Migrations {
    /// Teams: staff belong to one (a code), for case reports by team.
    static let v16bTeams = Migration("0016b_teams", [
        "ALTER TABLE staff ADD COLUMN team_code TEXT",
    ])
}
