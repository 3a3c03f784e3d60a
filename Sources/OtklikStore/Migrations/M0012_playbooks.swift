extension Migrations {
    /// The service standard: tasks and phrases per event.
    static let v12Playbooks = Migration("0012_playbooks", [
        """
        CREATE TABLE playbooks (
            event TEXT PRIMARY KEY,
            title_ru TEXT NOT NULL,
            title_en TEXT NOT NULL,
            tasks TEXT NOT NULL,
            phrases TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])
}
