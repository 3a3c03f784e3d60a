/// The service standard (`/playbooks`, `playbooks.mustache`): a playbook per event, editable by managers, and the
/// new one's form as entered when it was refused.
struct PlaybooksPage: Sendable {
    let rows: [Row]
    let hasRows: Bool
    let canEdit: Bool
    var error: String?
    var draft: Draft?

    struct Row: Sendable {
        let index: Int
        let event: String
        let titleRu: String
        let titleEn: String
        /// The title in the reader's language.
        let title: String
        let tasks: [String]
        let phrases: [String]
        /// The tasks and phrases one per line, for the edit form.
        let tasksText: String
        let phrasesText: String
        let hasPhrases: Bool
    }

    /// A new playbook's fields as entered.
    struct Draft: Sendable {
        let event: String
        let titleRu: String
        let titleEn: String
        let tasksText: String
        let phrasesText: String
    }
}
