// "Copy link": copies the article's address instead of following the link. Without JavaScript it is a plain link.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.copy-link");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(() => {
    link.textContent = link.dataset.copied;
  });
});
