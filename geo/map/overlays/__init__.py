"""One module per overlay (straits, sea division, Sea of Okhotsk, security points, online
tiles) behind a small registry (:mod:`.registry`): its sidebar toggle, URL flag, legend,
panel hook and map calls."""
