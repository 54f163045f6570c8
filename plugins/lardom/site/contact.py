"""How a reader reaches the source and the expert group: the settings as text on the pages.

The hand-written pages (docs/*.md) name the settings with placeholders, so that an address is
written once, in mkdocs.yml: {lardom:repository} becomes a link to the repository and
{lardom:expert_group_email} a mail link to the expert group's mailbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

# A bare address and nothing else: it goes into a mailto: link.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
_PLACEHOLDER = re.compile(r"\{lardom:(repository|expert_group_email)\}")


@dataclass(frozen=True)
class Contact:
    repository_url: str
    expert_group_email: str

    def problems(self) -> list[str]:
        """What is wrong with the settings, in Swedish, for the build to stop on."""
        found = []
        if not WEB_ADDRESS.fullmatch(self.repository_url):
            found.append(f"repository_url ”{self.repository_url}” är ingen webbadress (https://…).")
        if not EMAIL.fullmatch(self.expert_group_email):
            found.append(f"expert_group_email ”{self.expert_group_email}” är ingen e-postadress.")
        return found

    def links(self) -> dict[str, str]:
        """Each placeholder's HTML: a link whose text is the address itself (a link text must say
        where it leads, WCAG 2.4.4, and a reader may want to copy the address)."""
        email = escape(self.expert_group_email)
        repository = escape(self.repository_url)
        return {
            "repository": f'<a href="{repository}">{repository}</a>',
            "expert_group_email": f'<a href="mailto:{email}">{email}</a>',
        }

    def fill(self, markdown: str) -> str:
        """markdown with every placeholder replaced by its link."""
        links = self.links()
        return _PLACEHOLDER.sub(lambda match: links[match.group(1)], markdown)
