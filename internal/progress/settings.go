package progress

// Setting keys the trainer uses.
const (
	// SettingExam is the exam the learner prepares for (SAA-C03, SCS-C03),
	// asked on first start and changeable; "" until answered.
	SettingExam = "exam"
	// SettingPlaygroundWorld is the world the playground was last left on.
	SettingPlaygroundWorld = "playground.world"
	// SettingLearnerID is the learner's stable id, made by migration 5.
	SettingLearnerID = "learner.id"
	// SettingLearnerName is the display name exports carry, set once by
	// the learner (iamlab progress name), not typed into every export.
	SettingLearnerName = "learner.name"
)
