extension Migrations {
    /// Survey sampling as an ordered change-feed consumer (issue 17 item 2): the interactions offered to a survey
    /// (`POST /api/v1/surveys/{code}/interactions`), stored with the position of the `survey_offers` event their request
    /// appended and their order in it; the `survey-sampling` consumer decides them in feed order. One offer per survey
    /// and interaction id (a replay offers nothing new). `contact` is kept only until the offer is decided (it then
    /// waits in the invitation's outbox row, as before).
    static let v61SurveyOffers = Migration("0061_survey_offers", [
        """
        CREATE TABLE survey_offers (
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            interaction_id TEXT NOT NULL,
            item_order INTEGER NOT NULL,
            at BIGINT NOT NULL,
            customer TEXT,
            location_code TEXT,
            staff_code TEXT,
            service_code TEXT,
            channel TEXT,
            queue TEXT,
            topic TEXT,
            contact TEXT,
            lang TEXT,
            deliver INTEGER NOT NULL,
            offered_at BIGINT NOT NULL,
            feed_position BIGINT NOT NULL,
            PRIMARY KEY (survey_code, interaction_id)
        )
        """,
        "CREATE INDEX survey_offers_feed ON survey_offers (feed_position, item_order)",
    ])
}
