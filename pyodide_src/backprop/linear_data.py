"""The two data sets of the linear half of the article.

Both are tuples (immutable, so a widget cannot change them for another one on the same page).
"""

# 1.1 "Getting started": 21 points x = −1.0, −0.9, …, 1.0 on the line y = 0.65·x − 0.3, no noise.
# x is built as i/10 and y as (65·i − 300)/1000: each is the float nearest to the exact decimal
# (adding 0.1 twenty times, or computing 0.65·x − 0.3 in floats, drifts in the last digits).
MANUAL_X = tuple(i / 10 for i in range(-10, 11))
MANUAL_Y = tuple((65 * i - 300) / 1000 for i in range(-10, 11))
MANUAL_START = (-0.82, -0.02)  # (w, b) where the sliders start: loss 0.8707300
MANUAL_OPTIMUM = (0.65, -0.3)  # (w, b) with loss 0

# 1.5 "See it in action": x = 0, 1, …, 5 on the line y = 5 − x.
ACTION_X = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)
ACTION_Y = (5.0, 4.0, 3.0, 2.0, 1.0, 0.0)
ACTION_START = (0.0, 0.0)  # (w, b) where training starts: loss 55/6 ≈ 9.1667
ACTION_OPTIMUM = (-1.0, 5.0)  # (w, b) with loss 0
