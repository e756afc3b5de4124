# Under ZRU-445 an extension counts only when the applicant was told.
## run
seedvault
vigil complaint step complaint-interior-ministry --kind extended --date 2024-06-10 --until 2024-06-30 --notice no
VIGIL_TODAY=2024-06-20 vigil complaint show complaint-interior-ministry | grep deadline
## stdout-has
not extended (an extension without notice to the applicant does not count)
no reply — 9 days overdue
