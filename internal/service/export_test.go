package service

// SetAfterPicture makes Strategy call f inside its read transaction, right
// after the picture is read (its snapshot has begun).
func SetAfterPicture(s *Service, f func()) { s.afterPicture = f }
