pdf
